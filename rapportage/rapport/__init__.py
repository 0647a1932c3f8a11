"""The progress report: the letter the platform sends to the state secretary (the seed of
20 February 2017), for a peildatum and an area, with its files and its archive.

Parts:
- ``gebied``: what a report covers (the country, a province, a municipality);
- ``koppen``: the column headings of its table, worded for the peildatum;
- ``zinnen``: the sentences written from the figures (pure);
- ``samenstelling``: the composition of a ``Rapport`` from a ``Stand`` (pure) and ``maak_rapport``,
  which reads its other inputs through ``rapportage.selectors``;
- ``grafiek``: the chart as SVG;
- ``brief``: the letter around it, with the platform's narrative;
- ``pdf`` (Typst), ``bestanden`` (XLSX, CSV);
- ``publiceren``: publishing and the archive; ``views`` and ``urls``: the pages.
"""
