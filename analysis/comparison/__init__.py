"""Compare groups with honest uncertainty: rates with document-bootstrap intervals, and
permutation tests that respect the documents.

Statements of one document are not independent (one press conference returns to one topic,
one readout repeats one frame), so:

* :func:`estimate_rates` gives each group's rate of a 0/1 column (a frame) per 100 statements
  and per 1,000 words, with a percentile interval from a **bootstrap that resamples documents**
  (all statements of a drawn document come along). A group seen in few documents or with zero
  hits has a degenerate bootstrap ([0, 0] for 0 of 10), so by default the interval is widened to
  at least the Wilson score interval of the statement counts (per 100 statements) or the exact
  Poisson interval of the match counts (per 1,000 words): small counts always show as wide
  intervals, never as confident points.
* :func:`compare_rates` compares two groups. Its ``difference`` is the **document-stratified**
  difference (``strata="doc_id"``): inside each document holding both groups, the difference of
  their rates, averaged over those documents with Mantel–Haenszel weights
  ``n_a n_b / (n_a + n_b)``; its interval comes from a bootstrap of those documents (by default
  widened to at least a Newcombe score interval), and its two-sided **permutation test shuffles
  the group labels within each document** and recomputes the same statistic (null centred on
  zero): interval and p-value speak of one quantity. Documents in which only one group speaks
  carry no within-document contrast and count for nothing (``n_strata`` says how many counted).
  The difference of the groups' overall rates, all statements pooled across documents, stands
  apart as ``pooled_difference`` with its own document-bootstrap interval. ``strata`` can be
  any column and ``units`` the exchangeable unit inside it: ``strata="year", units="doc_id"``
  compares speeches paired by year (the mean yearly difference, an exact sign-flip test).
* Every resampling draws from its own generator, derived from the seed and the group labels,
  so a group's numbers do not depend on which other groups or frames were asked for.
* :func:`estimate_yearly_rates` (:mod:`~analysis.comparison.yearly`): one point per group and
  year with its interval, and a centred rolling-mean trend with its own bootstrap band.
* Statements flagged ``protocol`` (a speech's courtesies to the Assembly's officers) count as 0
  in ``leadership_praise`` unless ``include_protocol=True``.
* Modules: :mod:`~analysis.comparison.rates`, :mod:`~analysis.comparison.differences`,
  :mod:`~analysis.comparison.yearly`, :mod:`~analysis.comparison.intervals`.
* :func:`analysis.plots.comparison.plot_rates` draws points with interval whiskers (no bars) and the counts behind them.
"""

from .differences import compare_rates
from .rates import RATE_COLUMNS, estimate_rates
from .yearly import YEARLY_COLUMNS, estimate_yearly_rates

__all__ = ["RATE_COLUMNS", "YEARLY_COLUMNS", "compare_rates", "estimate_rates", "estimate_yearly_rates"]
