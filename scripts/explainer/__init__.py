"""Build code for the OpenAI deals explainer.

Stages, each its own module:
  model     - the validated data model (pydantic)
  loader    - reads data/*.yaml safely and reports every problem at once
  l10n      - Babel-based formatting of numbers, money, dates, plurals, digits
  render    - pure functions from the model to Markdown/HTML/SVG
  pages     - which generated pages exist, per language
  writer    - writes generated pages into docs/<lang>/ without touching hand-written ones
The only MkDocs-specific code is scripts/mkdocs_hooks.py.
"""
