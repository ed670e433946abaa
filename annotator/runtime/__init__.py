"""The one door for speed and memory: what makes annotation fast and keeps a worker flat.

Mechanisms below the pipeline, which know nothing of it: the component and the annotation
session (:mod:`annotator.session`, the per-document steps every surface runs) call them.

* :mod:`.budget`: a work budget the per-document loops check (the service's per-request limit);
* :mod:`.collector`: when Python's cyclic garbage collector may run;
* :mod:`.lexattrs`: the lexical attributes spaCy computes for new words, only those read;
* :mod:`.plainwords`: plain words past the tokenizer's affix search (the same tokens);
* :mod:`.warmup`: the vocabulary learner (recurring words kept for good, within a budget);
* :mod:`.stringindex`: spaCy's string index compacted in long-running workers;
* :mod:`.forked` and :mod:`.generation`: big glossaries' patterns made in a forked child.

The matcher's tables saved pre-tokenised are the matcher's own business
(:mod:`annotator.pipeline.matcher_cache`: it reads and rebuilds the matcher's private tables).

Domain packages (glossary, text, lint) know none of this: they import no ``gc``, ``os.fork``,
``marshal`` or ``select``.
"""
