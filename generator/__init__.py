"""News Digest: news articles in `content/`, a static site's Markdown out in `docs/`.

The package is the pipeline, one stage a module or package, plain data between them
(`model.py`), every knob in `settings.py`:

    content/ --read--> Article --analyze--> ArticleAnalysis --link--> Digest
             --render--> pages --write--> docs/

- `read.py`: files to articles; the only code that reads `content/`.
- `analyze/`: one article at a time, pure and cached (`cache.py`), in worker processes
  (`parallel.py`).
- `link/`: the corpus step: people, events, stories and the comparison of outlets.
- `render/`: Markdown pages from the Digest, no I/O.
- `write.py`: the only code that writes `docs/`, atomically.
- `build.py` tells the whole run top to bottom; `__main__.py` is the command line,
  `serve.py` the live preview, `evaluation/` the quality measurements.
"""
