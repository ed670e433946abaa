"""The words of the road and of delivery rounds: where a "route" is the way a vehicle or a
parcel goes, not the path a help desk sends work along.

A caller who waits for a courier, a trucker who asks which way to take, a shop that plans a
delivery round all say "route" ("the route through Main Street was closed", "the courier will
route the parcel via the depot"), and a conversation with a help desk is full of such callers. The words here (general English: the vehicles and people of the road, the road itself
and what travels on it, the tools that find the way) are the road's sense of a route, as the
travel words of :mod:`.othertrades` are the journey's: that rule reads them for a ``route``
alone, never for a ``ticket`` (a support ticket about a late parcel is still the desk's), and
a support word, verb or glossary term right around the route still says it is the desk's
("route the ticket to the delivery team").
"""

from __future__ import annotations

from spacy.strings import get_string_id

#: Words of the road and of delivery rounds (general English). None that software or support
#: text says of its own things: not "package", "delivery" or "traffic" (a program's, an email's,
#: a contact centre's calls), "driver" or "drive" (a device's, a disk, "drive adoption"), "map",
#: "exit", "navigate" or "directions" (a screen's), "warehouse" (data's).
ROAD_WORDS = frozenset(
    "road roads street streets avenue highway highways motorway motorways freeway freeways "
    "interstate junction roundabout intersection detour detours toll tolls "
    "mile miles kilometre kilometres kilometer kilometers km "
    "courier couriers van vans truck trucks lorry lorries trucker truckers postman mailman "
    "parcel parcels shipment shipments depot depots gps satnav sat-nav".split()
)
ROAD_IDS = frozenset(map(get_string_id, ROAD_WORDS))
