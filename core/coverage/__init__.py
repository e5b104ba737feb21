"""Coverage at a glance: how many clippings, when, where and who, counted in SQL over exactly
the clippings a list shows (``counts``), held as charts with the table behind each
(``chart``), and drawn with matplotlib's non-Qt backends (``draw``, imported only when a chart
is first drawn)."""
