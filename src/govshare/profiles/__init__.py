"""Jurisdiction profiles: the rules of each place as cited, dated data.

>>> from govshare import load_profile
>>> hubei = load_profile("hubei")
>>> hubei.deadline("share.conditional.provider_reply", "2026-09-30", level="provincial").due
datetime.date(2026, 10, 13)
"""

from __future__ import annotations

from govshare._kernel.model import Level
from govshare.profiles._keys import DEADLINE_KINDS, RULE_KEYS, RuleKey
from govshare.profiles._layers import (
    LayeredRule,
    Provision,
    layered_deadline,
    provisions,
    upper_layers,
)
from govshare.profiles._model import Document, Profile, RuleEntry, Value
from govshare.profiles._profile import (
    ACCESS_PROCESSES,
    Deadline,
    DisplacedRule,
    ExtensionDue,
    JurisdictionProfile,
    LayerDeadline,
    NoRuleInForceError,
    NotADeadlineError,
    RuleResult,
    Source,
)
from govshare.profiles._registry import (
    ENTRY_POINT_GROUP,
    ProfilePluginError,
    bundled_profile_dir,
    installed_profiles,
    list_profiles,
    load_profile,
    profile_schema,
)
from govshare.profiles._suggest import (
    check_level,
    check_process,
    check_rule_key,
    resolve_level,
)

__all__ = [
    "ACCESS_PROCESSES",
    "DEADLINE_KINDS",
    "ENTRY_POINT_GROUP",
    "RULE_KEYS",
    "Deadline",
    "DisplacedRule",
    "Document",
    "ExtensionDue",
    "JurisdictionProfile",
    "LayerDeadline",
    "LayeredRule",
    "Level",
    "NoRuleInForceError",
    "NotADeadlineError",
    "Profile",
    "ProfilePluginError",
    "Provision",
    "RuleEntry",
    "RuleKey",
    "RuleResult",
    "Source",
    "Value",
    "bundled_profile_dir",
    "check_level",
    "check_process",
    "check_rule_key",
    "installed_profiles",
    "layered_deadline",
    "list_profiles",
    "load_profile",
    "profile_schema",
    "provisions",
    "resolve_level",
    "upper_layers",
]
