"""Features: computations over profiles, processes and access decisions (compare, timeline,
obligations, self-check, scenarios). They return result objects and never format them:
formatting is :mod:`govshare.render`'s job."""
