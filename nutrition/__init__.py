"""crampfood's pure domain core.

Plain typed values and pure functions: nutrient registry, reference intakes, intake
aggregation, gaps, ranking and safety rules. Nothing here touches the network, the disk,
the clock or a database, and nothing imports the outer packages (api, food_data) or a
web/ORM framework. ``tests/nutrition/test_purity.py`` enforces this.
"""
