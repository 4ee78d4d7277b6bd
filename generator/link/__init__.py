"""Stage 3, link: the corpus-wide step, from every article's analysis to the `Digest`.

- `people`: mentions merged into people across articles and spellings.
- `events`: dated happenings merged across outlets into events.
- `similarity`: one notion of "these texts say the same thing" (TF-IDF space).
- `stories`: articles grouped into stories; the multi-source summary.
- `compare`: how the outlets of one story told it differently.
- `corpus`: the step itself, in order (people, events, then stories and comparisons).

It reads analyses (and may use the analysis stage's text tools) but never parses an
article again; a change here re-links the corpus and re-analyses nothing.
"""

from .corpus import link, newest_first, prepare

__all__ = ["link", "newest_first", "prepare"]
