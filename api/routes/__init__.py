"""One router per resource; ``ROUTERS`` are mounted under /v1 in this order."""

from api.routes import foods, nutrients

ROUTERS = (foods.router, nutrients.router)
