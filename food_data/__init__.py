"""USDA food composition data shipped with crampfood, and the importer that loads it.

``sources/`` holds xz-compressed, unmodified copies of the USDA release files used:
SR28 (Standard Reference, Release 28, 2016) and FNDDS 2017-2018. See ``food_data/README.md``.
"""
