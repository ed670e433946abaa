"""Generated glossary data (see annotator.build); a package only so wheels ship it."""
