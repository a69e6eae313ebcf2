"""Access decisions: for this resource and this requester, which path applies, who decides.

:func:`decide_access` reads the rules in force (never a jurisdiction's name) and returns an
:class:`AccessDecision`: the path (direct access, filing, a platform conformity review, an
application with its review chain and deadlines, or not shareable with the escalation open to
the requester), the reviewers, findings against the provider, and an explanation in Chinese
and English with citations, fit to quote in a reply to a department.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, Field, Strict, ValidationError

from govshare._kernel.dates import DateLike, to_date
from govshare._kernel.messages import Notice
from govshare._kernel.model import STRICT, Label, Level
from govshare._kernel.vocabulary import label, term
from govshare._kernel.yamlio import first_error, load_yaml, parse_yaml, validate_model
from govshare.errors import InputError
from govshare.profiles._model import Enum, Flag, RuleSet, ShareScope, Steps, period_label
from govshare.profiles._profile import (
    ACCESS_PROCESSES,
    JurisdictionProfile,
    LayerDeadline,
    NoRuleInForceError,
    NotADeadlineError,
    RuleResult,
    Source,
)

__all__ = [
    "AccessDecision",
    "AccessFinding",
    "AccessRequest",
    "FusionInput",
    "Resource",
    "ReviewStep",
    "Reviewer",
    "decide_access",
    "load_access_request",
]

#: The processes a decision leads to; every jurisdiction profile with processes has them.
_APPLICATION, _UNCONDITIONAL = ACCESS_PROCESSES

_Text = Annotated[str, Field(min_length=1)]
_CFG = STRICT

Path_ = Literal["direct", "filing", "conformity_review", "application", "not_shareable"]


class FusionInput(BaseModel):
    """One source of fused data: its original provider and whether it granted fusion use."""

    model_config = _CFG

    provider: _Text
    fusion_authorized: bool = Field(description="融合授权 granted to the lead or data centre")


class Fusion(BaseModel):
    """Fused (再加工/融合) data: who leads it and where its inputs come from."""

    model_config = _CFG

    lead: _Text = Field(description="the resource-library lead department or data centre")
    inputs: Annotated[list[FusionInput], Field(min_length=1)]


class Resource(BaseModel):
    """A data resource as its catalog describes it."""

    model_config = _CFG

    name: _Text
    provider: _Text
    share_type: Literal["unconditional", "conditional", "not_shared"]
    legal_basis: str | None = Field(
        default=None, description="the legal basis the provider stated for a restricted type"
    )
    conditions: str | None = Field(default=None, description="stated share conditions")
    negative_list: bool = Field(default=False, description="listed on the negative list")
    dedicated_to: list[_Text] | None = Field(
        default=None, description="专用: the departments the resource is reserved for"
    )
    delegate: str | None = Field(
        default=None, description="the body the provider delegated review to (委托审核)"
    )
    fusion: Fusion | None = None


class AccessRequest(BaseModel):
    """A request file: who asks for what, at which level and date."""

    model_config = _CFG

    schema_: Literal["govshare-request/1"] = Field(default="govshare-request/1", alias="schema")
    requester: _Text
    resource: Resource
    level: Level
    # Strict: a bare number is not read as a Unix timestamp.
    as_of: Annotated[dt.date, Strict()] | str
    adopted: list[_Text] = Field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class Reviewer:
    """A party that must decide: the provider, its delegate, a joint reviewer, the lead."""

    name: str
    role: Literal["provider", "delegate", "joint", "lead"]
    source: Source | None = None


@dataclass(frozen=True, kw_only=True)
class ReviewStep:
    """One step of the path, with its period and, from ``as_of``, the latest due date."""

    actor: str
    zh: str
    en: str
    source: Source
    period: str | None = None
    due: dt.date | None = None
    period_zh: str | None = None
    #: the layers above the profile beside this step's own limit (the national ceiling)
    layers: tuple[LayerDeadline, ...] = ()


@dataclass(frozen=True, kw_only=True)
class AccessFinding:
    """A finding against a party (usually the provider), with the rule it breaks."""

    against: str
    zh: str
    en: str
    source: Source


@dataclass(frozen=True, kw_only=True)
class AccessDecision:
    """Which path a request takes, who decides, and why; see :func:`decide_access`."""

    profile: str
    level: str
    as_of: dt.date
    requester: str
    resource: str
    path: Path_
    process: str | None
    reviewers: tuple[Reviewer, ...]
    steps: tuple[ReviewStep, ...]
    on_timeout: str | None
    escalation: tuple[ReviewStep, ...]
    findings: tuple[AccessFinding, ...]
    zh: str
    en: str
    warnings: tuple[Notice, ...] = ()

    @property
    def citations(self) -> tuple[Source, ...]:
        """Every text the decision rests on, in order, without repeats."""
        seen: dict[tuple[str, str | None, str | None], Source] = {}
        for s in self.steps + self.escalation:
            seen.setdefault((s.source.doc, s.source.article, s.source.clause), s.source)
        for r in self.reviewers:
            if r.source is not None:
                seen.setdefault((r.source.doc, r.source.article, r.source.clause), r.source)
        for f in self.findings:
            seen.setdefault((f.source.doc, f.source.article, f.source.clause), f.source)
        return tuple(seen.values())


@dataclass
class _Ctx:
    profile: JurisdictionProfile
    level: str
    as_of: dt.date
    adopted: tuple[str, ...]
    warnings: list[Notice] = field(default_factory=list)

    def warn(self, code: str, zh: str, en: str) -> None:
        """Record a warning the decision carries."""
        self.warnings.append(Notice(code=code, zh=zh, en=en))

    def rule(self, key: str) -> RuleResult | None:
        """The rule in force, or None when no document sets one at this date and level."""
        try:
            r = self.profile.rule(key, as_of=self.as_of, level=self.level, adopted=self.adopted)
        except NoRuleInForceError:
            return None
        for w in r.warnings:
            if w not in self.warnings:
                self.warnings.append(w)
        return r

    def spoken(self, key: str) -> RuleResult | None:
        """The rule in force when it says something (not ``not_specified``)."""
        r = self.rule(key)
        return r if r is not None and r.value is not None else None

    def step(self, key: str, actor: str, zh: str, en: str, start: dt.date | None) -> ReviewStep:
        r = self.profile.rule(key, as_of=self.as_of, level=self.level, adopted=self.adopted)
        period: str | None = None
        due: dt.date | None = None
        layers: tuple[LayerDeadline, ...] = ()
        period_zh = period_label(r.value, "zh")
        if r.value is not None and start is not None:
            try:
                d = self.profile.own_deadline(
                    key, start, level=self.level, as_of=self.as_of, adopted=self.adopted
                )
                period, due = d.period, d.due
                layered = self.profile.deadline(
                    key, start, level=self.level, as_of=self.as_of, adopted=self.adopted
                )
                layers = tuple(x for x in layered.layers if x.profile != self.profile.id)
            except NotADeadlineError:
                period = "promptly (及时)" if r.value.kind == "promptly" else None
        return ReviewStep(
            actor=actor,
            zh=zh,
            en=en,
            period=period,
            due=due,
            source=r.source,
            period_zh=period_zh,
            layers=layers,
        )


def _scope(r: RuleResult | None) -> ShareScope | None:
    """The share types a rule applies to, when it says."""
    value = None if r is None else r.value
    return value.scope if isinstance(value, Enum | Steps) else None


def _enum(r: RuleResult | None) -> str | None:
    if r is None or r.value is None:
        return None
    return r.value.value if r.value.kind == "enum" else r.value.kind


def decide_access(
    profile: JurisdictionProfile,
    resource: Resource | Mapping[str, object],
    requester: str,
    *,
    as_of: DateLike,
    level: str,
    adopted: tuple[str, ...] | list[str] = (),
) -> AccessDecision:
    """The path a request for ``resource`` by ``requester`` takes under ``profile``.

    Due dates are the latest each step may take if the request is made on ``as_of`` and
    every earlier step uses its full period.

    Raises:
        InputError: a malformed resource or requester.
        NoRuleInForceError: no document of the profile is in force at ``as_of`` and ``level``.
    """
    if isinstance(resource, Resource):
        res = resource
    else:
        try:
            res = Resource.model_validate(resource)
        except ValidationError as exc:
            where, value, message = first_error(exc)
            raise InputError(f"resource.{where}" if where else "resource", value, message) from None
    if not isinstance(requester, str) or not requester.strip():
        raise InputError("requester", requester, "the requesting department's name")
    if isinstance(adopted, str) or not all(isinstance(a, str) for a in adopted):
        raise InputError("adopted", adopted, "a list of document ids")
    ctx = _Ctx(profile=profile, level=level, as_of=to_date(as_of, "as_of"), adopted=tuple(adopted))
    # No document in force at this date and level: NoRuleInForceError, not a guess.
    profile.rule("share.types", as_of=ctx.as_of, level=level, adopted=ctx.adopted)
    findings: list[AccessFinding] = []
    share_type: str = res.share_type
    if share_type != "unconditional" or res.negative_list:
        share_type = _check_basis(ctx, res, findings)
    build = _Builder(ctx=ctx, res=res, requester=requester, findings=findings)
    if res.dedicated_to is not None and share_type != "not_shared":
        done = build.dedicated()
        if done is not None:
            return done
    if share_type == "not_shared":
        return build.not_shareable()
    if share_type == "unconditional":
        return build.unconditional()
    return build.application()


def _check_basis(ctx: _Ctx, res: Resource, findings: list[AccessFinding]) -> str:
    """A restricted class without its required legal basis; returns the effective type."""
    share_type = "not_shared" if res.negative_list else res.share_type
    if res.legal_basis:
        return share_type
    basis = ctx.spoken("share.restricted_types.legal_basis")
    scope = _scope(basis)
    if basis is None or scope is None or share_type not in scope.applies_to:
        return share_type
    if scope.default_if_missing == "unconditional":
        findings.append(
            AccessFinding(
                against=res.provider,
                zh=f"{res.provider}将“{res.name}”列为{_type_zh(share_type)}，但未提供法律、法规或"
                f"政策依据；依{basis.source.short}，应当无条件共享。",
                en=f"{res.provider} classed '{res.name}' as {share_type.replace('_', ' ')} without "
                f"stating a legal basis; under {basis.source.short} it must be shared "
                "unconditionally.",
                source=basis.source,
            )
        )
        return "unconditional"
    findings.append(
        AccessFinding(
            against=res.provider,
            zh=f"{res.provider}将“{res.name}”列为{_type_zh(share_type)}，但未说明理由和依据；"
            f"{basis.source.short}要求提供。",
            en=f"{res.provider} classed '{res.name}' as {share_type.replace('_', ' ')} without "
            f"stating its basis; {basis.source.short} requires one.",
            source=basis.source,
        )
    )
    return share_type


def _type_zh(share_type: str) -> str:
    """``无条件共享类``: the share type's Chinese label as a class of data."""
    return label("share_type", share_type, "zh") + "类"


def _path_words(path: Path_) -> Label:
    """What a path means for the requester (the vocabulary's ``access_path`` words)."""
    found = term("word", f"access_means_{path}")
    return found if found is not None else Label(zh=path, en=path)


@dataclass
class _Builder:
    ctx: _Ctx
    res: Resource
    requester: str
    findings: list[AccessFinding]

    def decision(
        self,
        path: Path_,
        *,
        process: str | None,
        reviewers: tuple[Reviewer, ...] = (),
        steps: tuple[ReviewStep, ...] = (),
        on_timeout: str | None = None,
        escalation: tuple[ReviewStep, ...] = (),
        why_zh: str = "",
        why_en: str = "",
    ) -> AccessDecision:
        ctx = self.ctx
        names = "、".join(r.name for r in reviewers)
        names_en = ", ".join(r.name for r in reviewers)
        zh = [f"{self.requester}申请使用“{self.res.name}”（提供部门：{self.res.provider}）："]
        en = [f"{self.requester} asks for '{self.res.name}' (provider: {self.res.provider}):"]
        words = _path_words(path)
        zh.append(words.zh + (f"：{names}。" if path == "application" else "。"))
        en.append(words.en + (f" {names_en}." if path == "application" else "."))
        if why_zh:
            zh.append(why_zh)
            en.append(why_en)
        for s in steps:
            when = f"，最迟{s.due.isoformat()}" if s.due else ""
            zh.append(f"{s.zh}（{s.period_zh or '时限未规定'}{when}；{s.source.short}）。")
            when_en = f", by {s.due.isoformat()} at the latest" if s.due else ""
            en.append(
                f"{s.en[:1].upper()}{s.en[1:]} ({s.period or 'no time limit stated'}{when_en}; "
                f"{s.source.short})."
            )
        if on_timeout == "deemed_consent":
            zh.append("逾期不答复的，视为同意，由平台自动授权。")
            en.append("No reply in time is deemed consent; the platform authorizes automatically.")
        elif on_timeout is not None and path == "application":
            zh.append("逾期未答复的，文件未规定视为同意，属逾期违规。")
            en.append("A late reply is not deemed consent; it is an overdue violation.")
        if escalation:
            cited = dict.fromkeys(s.source.short for s in escalation)
            zh.append(
                "如有异议，可" + "，再".join(s.zh for s in escalation) + f"（{'；'.join(cited)}）。"
            )
            en.append(
                "If the requester disagrees, it may "
                + ", then ".join(s.en for s in escalation)
                + f" ({'; '.join(cited)})."
            )
        for f in self.findings:
            zh.append(f.zh)
            en.append(f.en)
        return AccessDecision(
            profile=ctx.profile.id,
            level=ctx.level,
            as_of=ctx.as_of,
            requester=self.requester,
            resource=self.res.name,
            path=path,
            process=process,
            reviewers=reviewers,
            steps=steps,
            on_timeout=on_timeout,
            escalation=escalation,
            findings=tuple(self.findings),
            zh="".join(zh),
            en=" ".join(en),
            warnings=tuple(ctx.warnings),
        )

    # -- paths ----------------------------------------------------------------------------

    def dedicated(self) -> AccessDecision | None:
        ctx, res = self.ctx, self.res
        rule = ctx.spoken("auth.dedicated")
        if rule is None:
            ctx.warn(
                "access.no_dedicated_rule",
                f"{ctx.profile.id}没有关于专用数据的规定；按共享类型判定",
                f"{ctx.profile.id} has no rule on dedicated data; decided by share type",
            )
            return None
        route = rule.value.dedicated if isinstance(rule.value, RuleSet) else None
        listed = self.requester in (res.dedicated_to or [])
        step = ReviewStep(
            actor="requester",
            zh="专用数据",
            en="dedicated data",
            source=rule.source,
        )
        if listed:
            return self.decision(
                "direct",
                process=None,
                steps=(step,),
                why_zh=f"该资源标注为专用，{self.requester}在专用部门名单内。",
                why_en=f"The resource is marked dedicated and {self.requester} is on its list.",
            )
        if route is not None and route.others_apply_to == "original_provider":
            reply = ctx.rule("share.conditional.provider_reply")
            apply_step = ReviewStep(
                actor=self.requester,
                zh="向原始数据提供部门提出申请，明确应用场景和需求字段",
                en="apply to the original provider, stating the scenario and the fields needed",
                source=rule.source,
            )
            review = ReviewStep(
                actor=res.provider,
                zh="原始数据提供部门审核",
                en="the original provider reviews",
                source=rule.source,
            )
            if route.reply_deadline == "not_specified" and reply is not None:
                ctx.warn(
                    "access.dedicated_reply_deadline_open",
                    f"{rule.source.short}未规定专用数据的答复时限；是否适用{reply.source.short}"
                    "尚无定论（见本配置的解读）",
                    f"{rule.source.short} states no reply deadline for dedicated data; whether "
                    f"{reply.source.short} applies is open (see the profile's readings)",
                )
            return self.decision(
                "application",
                process=_APPLICATION,
                reviewers=(Reviewer(name=res.provider, role="provider", source=rule.source),),
                steps=(apply_step, review),
                why_zh=f"该资源为专用数据，{self.requester}不在专用部门名单内，须向原始数据提供部门申请。",
                why_en=(
                    f"The resource is dedicated and {self.requester} is not on its list, so it "
                    "applies to the original provider."
                ),
            )
        ctx.warn(
            "access.dedicated_route_unstated",
            f"{rule.source.short}：未规定不在专用部门名单内的部门如何获取；按其共享类型的一般路径理解",
            f"{rule.source.short}: the route for departments not on the dedicated list is not "
            "stated; read as the normal path for its share type",
        )
        return None

    def not_shareable(self) -> AccessDecision:
        ctx = self.ctx
        path_rule = ctx.rule("share.not_shared.path")
        steps: list[ReviewStep] = []
        escalation: list[ReviewStep] = []
        if path_rule is not None and path_rule.value is not None:
            if path_rule.value.kind == "steps":
                escalation = self._steps(path_rule)
            else:
                listed = _enum(path_rule) == "negative_list"
                steps.append(
                    ReviewStep(
                        actor="authority",
                        zh="不予共享数据实行负面清单管理" if listed else "不予共享",
                        en="data not shared is managed by a negative list"
                        if listed
                        else "not shared",
                        source=path_rule.source,
                    )
                )
        if not escalation:
            # The refusal path, unless its text limits it to conditional data (Xinzhou 五(三)3:
            # 属于有条件共享但提供部门不予共享).
            esc = ctx.spoken("share.refusal.escalation")
            scope = _scope(esc)
            if esc is not None and (scope is None or "not_shared" in scope.applies_to):
                escalation = self._steps(esc)
        return self.decision(
            "not_shareable",
            process=None,
            steps=tuple(steps),
            escalation=tuple(escalation),
            why_zh="该资源属于不予共享类"
            + ("，已列入负面清单。" if self.res.negative_list else "。"),
            why_en="The resource is classed not shared"
            + (" and is on the negative list." if self.res.negative_list else "."),
        )

    def unconditional(self) -> AccessDecision:
        ctx = self.ctx
        rule = ctx.spoken("share.unconditional.access")
        mode = _enum(rule)
        if rule is None or mode == "direct":
            src = rule.source if rule else None
            steps = (
                (
                    ReviewStep(
                        actor="requester",
                        zh="直接获取",
                        en="obtain directly",
                        source=src,
                    ),
                )
                if src
                else ()
            )
            return self.decision("direct", process=_UNCONDITIONAL, steps=steps)
        if mode == "filing_then_direct":
            step = ReviewStep(
                actor="requester",
                zh="通过平台备案后直接获取",
                en="file, then obtain",
                source=rule.source,
            )
            return self.decision("filing", process=_UNCONDITIONAL, steps=(step,))
        review = ctx.step(
            "share.unconditional.platform_review",
            "platform",
            "平台符合性审查",
            "platform conformity review",
            ctx.as_of,
        )
        return self.decision("conformity_review", process=_UNCONDITIONAL, steps=(review,))

    def application(self) -> AccessDecision:
        ctx, res = self.ctx, self.res
        steps: list[ReviewStep] = []
        start = ctx.as_of
        platform = ctx.spoken("share.conditional.platform_review")
        if platform is not None:
            s = ctx.step(
                "share.conditional.platform_review",
                "platform",
                "平台符合性审查后转提供部门",
                "platform conformity review, then forwarding",
                start,
            )
            steps.append(s)
            start = s.due or start
        reviewers = self._reviewers()
        for r in reviewers:
            s = ctx.step(
                "share.conditional.provider_reply",
                r.name,
                f"{r.name}审核答复",
                f"{r.name} reviews and replies",
                start,
            )
            steps.append(s)
        outcome = ctx.rule("share.conditional.on_reply_timeout")
        on_timeout = (
            outcome.value.on_timeout
            if outcome is not None and outcome.value is not None and outcome.value.kind == "outcome"
            else "not_specified"
        )
        if not res.conditions:
            stated = ctx.spoken("share.conditional.requires_stated_conditions")
            if stated is not None and isinstance(stated.value, Flag) and stated.value.value:
                self.findings.append(
                    AccessFinding(
                        against=res.provider,
                        zh=f"{res.provider}未明确“{res.name}”的具体共享条件（{stated.source.short}）。",
                        en=f"{res.provider} has not stated the share conditions of '{res.name}' "
                        f"({stated.source.short}).",
                        source=stated.source,
                    )
                )
        esc = ctx.spoken("share.refusal.escalation")
        why_zh = why_en = ""
        if any(r.role in ("joint", "lead") for r in reviewers):
            cite = reviewers[0].source.short if reviewers[0].source else ""
            why_zh = (
                f"联合授权（{cite}）：已获融合授权的数据由牵头部门或大数据中心审核，未获融合授权的"
                "数据由原始数据提供部门同步审核，相关方均同意方可授权；任一方不同意即不予授权。"
            )
            why_en = (
                f"Joint authorization ({cite}): inputs under fusion authorization are reviewed by "
                "the lead department or data centre, the others by each original provider at "
                "the same time; access is granted only when all consent, and one refusal refuses."
            )
            if on_timeout == "deemed_consent":
                why_zh += "按本配置的解读，逾期视为同意对每一审核方分别适用。"
                why_en += (
                    " As this profile reads the text, deemed consent applies to each reviewer."
                )
        return self.decision(
            "application",
            process=_APPLICATION,
            reviewers=reviewers,
            steps=tuple(steps),
            on_timeout=on_timeout,
            escalation=tuple(self._steps(esc)) if esc else (),
            why_zh=why_zh,
            why_en=why_en,
        )

    def _reviewers(self) -> tuple[Reviewer, ...]:
        ctx, res = self.ctx, self.res
        if res.fusion is not None:
            joint = ctx.spoken("auth.joint")
            if joint is None:
                ctx.warn(
                    "access.no_joint_rule",
                    f"{ctx.profile.id}没有联合授权的规定；由融合资源的提供部门审核",
                    f"{ctx.profile.id} has no joint-authorization rule; the provider of the "
                    "fused resource reviews",
                )
            else:
                out: list[Reviewer] = []
                if any(i.fusion_authorized for i in res.fusion.inputs):
                    out.append(Reviewer(name=res.fusion.lead, role="lead", source=joint.source))
                for i in res.fusion.inputs:
                    if not i.fusion_authorized and all(r.name != i.provider for r in out):
                        out.append(Reviewer(name=i.provider, role="joint", source=joint.source))
                return tuple(out)
        if res.delegate is not None:
            delegated = ctx.spoken("auth.delegated_review")
            if (
                delegated is not None
                and isinstance(delegated.value, Flag)
                and delegated.value.value
            ):
                return (Reviewer(name=res.delegate, role="delegate", source=delegated.source),)
            ctx.warn(
                "access.no_delegated_review",
                f"{ctx.profile.id}未规定委托审核；由{res.provider}审核",
                f"{ctx.profile.id} does not provide for delegated review; {res.provider} reviews",
            )
        default = ctx.rule("auth.reviewer_default")
        return (
            Reviewer(
                name=res.provider, role="provider", source=default.source if default else None
            ),
        )

    def _steps(self, rule: RuleResult) -> list[ReviewStep]:
        value = rule.value
        if value is None or value.kind != "steps":
            return []
        out = []
        for step in value.steps:
            action = step.action
            words = term("action", action) or Label(zh=action, en=action.replace("_", " "))
            out.append(
                ReviewStep(
                    actor=step.actor,
                    zh=words.zh,
                    en=words.en,
                    source=rule.source,
                )
            )
        return out


def load_access_request(source: str | Path, *, text: str | None = None) -> AccessRequest:
    """Read and validate a request file; errors name the file, line and field."""
    loaded = load_yaml(source) if text is None else parse_yaml(text, str(source))
    return validate_model(AccessRequest, loaded)
