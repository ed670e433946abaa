"""Discovery: the jargon a glossary lacks, mined across an archive.

One concern per module:

* :mod:`.words`: stopwords and the word/chunk tokenizer the candidates are cut from;
* :mod:`.known`: what the glossary already has (terms, aliases, acronyms, known spellings);
* :mod:`.variants`: misspelled and re-spelled forms of glossary terms (symmetric-delete index);
* :mod:`.candidates`: one document's candidates (and verb evidence), as pure functions;
* :mod:`.counters`: bounded tables that merge documents with memory flat over any archive;
* :mod:`.typos`: misspelt term candidates folded into the term they misspell;
* :mod:`.grouping`: spellings of one term type (inflections, hyphens, possessives) grouped;
* :mod:`.context`: context words learned around the glossary's own terms (seeded NC-value);
* :mod:`.casing`: how often the archive capitalises each word mid-sentence (names);
* :mod:`.termhood`: C-value termhood with document spread, and the other kinds' scores;
* :mod:`.aggregate`: documents -> ranked :class:`~.model.Candidate` list;
* :mod:`.review`: the review loop (decisions file, glossary CSV export);
* :mod:`.writers` and :mod:`.report`: text/JSON/CSV output and the standalone HTML report;
* :mod:`.worker` and :mod:`.run`: a whole run through the batch engines.
"""
