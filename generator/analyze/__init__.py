"""Stage 2, analyze: one article at a time, pure and cacheable.

`Article` (from `read`) -> `ArticleAnalysis` (in `model`). Nothing here looks at another
article or at the corpus, so a result is a function of the article's text, the settings and
this package's code and data, which is what the analysis cache key hashes (`cache.py`): a
change anywhere in this folder re-analyses, a change elsewhere never does.

- `nlp`: the one place that loads spaCy; sentences from its parse; tokens for sumy.
- `summarize`: sumy summarizers, keeping every sentence's rating and position.
- `names`, `mentions`, `quotes`: person names, each article's people and roles, quotations.
- `dates`, `happenings`: date expressions resolved against publication; dated happenings,
  from the word a date modifies (`triggers`), its clause (`clauses`), who took part
  (`participants`, by the forms of names in `nameindex`) and where (`places`).
- `text`, `lexicon`: the shared text toolkit (stems, stop words, name keys) and the word
  lists kept as data in `lexicons/`.
- `article`: the whole analysis of one article, from one parse.

Nothing here imports from `link` or `render` (a test checks). This file imports nothing:
a build whose articles are all cached never loads spaCy or sumy.
"""
