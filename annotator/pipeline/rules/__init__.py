"""The precision rules, one module each: a rule drops or keeps the matches of one kind of
false hit (a name that holds a glossary word, an everyday word out of support context, a
defect word in an issue report, ...). Each is registered, with its stage, in
:mod:`annotator.pipeline.precision`, which also holds the per-document facts the rules share
(``RuleContext``) and their thresholds (``PrecisionSettings``); a rule module imports neither."""
