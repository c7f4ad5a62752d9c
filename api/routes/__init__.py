"""One router per resource; ``ROUTERS`` are mounted under /v1 in this order."""

from api.routes import foods, intake, meals, nutrients, targets, users

ROUTERS = (
    foods.router,
    nutrients.router,
    users.router,
    targets.router,
    meals.router,
    intake.router,
)
