"""Generated glossary data (see annotator.glossary.build); a package only so wheels ship it."""
