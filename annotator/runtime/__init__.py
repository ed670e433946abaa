"""The one door for speed and memory: what makes annotation fast and keeps a worker flat.

* :mod:`.session`: the per-document steps every surface runs (:class:`~.session.AnnotationSession`);
* :mod:`.budget`: a work budget the per-document loops check (the service's per-request limit);
* :mod:`.collector`: when Python's cyclic garbage collector may run;
* :mod:`.warmup`: the vocabulary learner (recurring words kept for good, within a budget);
* :mod:`.stringindex`: spaCy's string index compacted in long-running workers;
* :mod:`.forked` and :mod:`.generation`: big glossaries' patterns made in a forked child;
* :mod:`.matcher_cache`: the matcher's tables saved pre-tokenised.

Domain packages (glossary, text, lint) know none of this: they import no ``gc``, ``os.fork``,
``marshal`` or ``select``.
"""
