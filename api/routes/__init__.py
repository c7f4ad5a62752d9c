"""One router per resource; ``ROUTERS`` are mounted under /v1 in this order."""

from api.routes import (
    charts,
    cramps,
    foods,
    insights,
    intake,
    meals,
    nutrients,
    recipes,
    report,
    suggestions,
    targets,
    users,
)

ROUTERS = (
    foods.router,
    recipes.router,
    nutrients.router,
    users.router,
    targets.router,
    meals.router,
    intake.router,
    suggestions.router,
    cramps.router,
    insights.router,
    report.router,
    charts.router,
)
