#!/usr/bin/env python3
"""Writes the demo street gazetteer, Sources/Store/Resources/demo-gazetteer.csv.

Deterministic (fixed seed): running it again gives the same file byte for byte. The layout is
described in docs/gazetteer.md. Streets are invented: 220 in the area of Anytown Borough
Council (SWA code 1001, USRNs 10010001 upward) and 60 in that of Otherton County Council (1002,
USRNs 10020001 upward), with LINESTRING geometries in British National Grid (EPSG:27700).

    python3 scripts/generate-demo-gazetteer.py
"""

import csv
import math
import pathlib
import random

OUTPUT = pathlib.Path(__file__).resolve().parent.parent / "Sources/Store/Resources/demo-gazetteer.csv"

COLUMNS = [
    "usrn", "street_name", "town", "area", "road_category", "ha_swa_code", "street_state",
    "reinstatement_type_code", "geometry_wkt",
    "traffic_sensitive", "ts_periodicity_code", "ts_start_time", "ts_end_time", "ts_description",
    "special_engineering_difficulty", "sed_description", "sed_location_text",
    "protected_street", "ps_description", "interested_swa_codes",
]

# (swa code, first USRN, count, [(town, [areas], easting box, northing box, share)])
AUTHORITIES = [
    ("1001", 10010001, 220, [
        ("Anytown", ["Anytown Centre", "Northfield", "Eastbrook", "Westgate", "Southmead", "Hillcrest"],
         (450000, 456000), (200000, 206000), 0.82),
        ("Little Ashby", ["Little Ashby"], (450500, 452000), (206200, 207200), 0.06),
        ("Brookhampton", ["Brookhampton"], (456300, 457500), (201000, 202200), 0.06),
        ("Kingsford", ["Kingsford"], (448500, 449800), (203000, 204200), 0.06),
    ]),
    ("1002", 10020001, 60, [
        ("Otherton", ["Otherton Centre", "Riverside", "Old Town", "Parkside"],
         (470000, 475000), (210000, 215000), 0.8),
        ("Great Marsh", ["Great Marsh"], (475300, 476500), (212000, 213200), 0.1),
        ("Fenby", ["Fenby"], (468500, 469700), (214000, 215000), 0.1),
    ]),
]

FIRST = [
    "Abbey", "Acacia", "Albert", "Alder", "Ash", "Aspen", "Bakers", "Barley", "Beech", "Bell", "Birch",
    "Blackthorn", "Bramble", "Bridge", "Brook", "Castle", "Cedar", "Chapel", "Cherry", "Chestnut", "Church",
    "Clover", "College", "Coronation", "Cross", "Dairy", "Elm", "Farm", "Ferry", "Field", "Forge", "Fox",
    "Garden", "George", "Glebe", "Hawthorn", "Hazel", "Heath", "High", "Holly", "Kiln", "King", "Lark",
    "Laurel", "Lime", "Linden", "Manor", "Maple", "Market", "Meadow", "Mill", "Moor", "Nelson", "New",
    "North", "Nursery", "Oak", "Orchard", "Park", "Poplar", "Priory", "Queen", "Rectory", "River", "Rowan",
    "School", "Sheep", "Silver", "South", "Spring", "Station", "Tannery", "Tower", "Union", "Vicarage",
    "Victoria", "Wellington", "West", "Willow", "Windmill", "Wharf", "York",
]
SUFFIX = [
    ("Road", 30), ("Street", 18), ("Lane", 14), ("Avenue", 8), ("Close", 8), ("Drive", 6), ("Way", 5),
    ("Crescent", 4), ("Gardens", 3), ("Terrace", 2), ("Grove", 2),
]

# Road categories: mostly 3 and 4 (local roads), some 1 and 2 (main roads), a few 0 and 5.
ROAD_CATEGORIES = [(4, 44), (3, 34), (2, 12), (1, 6), (0, 2), (5, 2)]
# Reinstatement type by road category: the busier the road, the lower the type.
REINSTATEMENT_BY_CATEGORY = {0: 1, 1: 1, 2: 2, 3: 3, 4: 4, 5: 4}

TS_WINDOWS = [
    (2, 700, 1000, "Traffic sensitive in the morning peak on weekdays"),
    (2, 1600, 1900, "Traffic sensitive in the evening peak on weekdays"),
    (2, 730, 930, "Traffic sensitive at school arrival times on weekdays"),
    (1, 0, 2400, "Traffic sensitive at all times (main distributor road)"),
    (3, 900, 1800, "Traffic sensitive at weekends (market and shopping traffic)"),
]
SED_REASONS = [
    ("Bridge over the railway: structure owned by Network Rail, excavation needs its consent",
     "Bridge deck and approaches"),
    ("Culverted watercourse beneath the carriageway", "Over the culvert"),
    ("Retaining wall supporting the carriageway", "Along the retaining wall"),
    ("High-pressure gas main in the carriageway", None),
    ("Listed stone setts: reinstatement in matching materials only", None),
]
PS_REASONS = [
    "Protected street: strategic route, apparatus to be placed outside the carriageway where possible",
    "Protected street: principal access to the hospital",
    "Protected street: designated emergency route",
]


def weighted(rng, pairs):
    total = sum(weight for _, weight in pairs)
    pick = rng.uniform(0, total)
    for value, weight in pairs:
        pick -= weight
        if pick <= 0:
            return value
    return pairs[-1][0]


def line(rng, eastings, northings, points):
    """A street centre line: a start in the box, then 40-180 m legs turning gently."""
    e = rng.uniform(eastings[0] + 200, eastings[1] - 200)
    n = rng.uniform(northings[0] + 200, northings[1] - 200)
    heading = rng.uniform(0, 2 * math.pi)
    coordinates = [(e, n)]
    for _ in range(points - 1):
        heading += rng.uniform(-0.5, 0.5)
        length = rng.uniform(40, 180)
        e += length * math.cos(heading)
        n += length * math.sin(heading)
        coordinates.append((e, n))
    return "LINESTRING (" + ", ".join(f"{x:.2f} {y:.2f}" for x, y in coordinates) + ")"


def yes(flag):
    return "Y" if flag else "N"


def rows():
    rng = random.Random(20260105)
    for swa, first_usrn, count, places in AUTHORITIES:
        used = set()
        for index in range(count):
            usrn = first_usrn + index
            town, areas, eastings, northings, _ = weighted(rng, [(p, p[4]) for p in places])
            while True:
                name = f"{rng.choice(FIRST)} {weighted(rng, SUFFIX)}"
                if (town, name) not in used:
                    used.add((town, name))
                    break
            category = weighted(rng, ROAD_CATEGORIES)
            reinstatement = str(REINSTATEMENT_BY_CATEGORY[category])
            if rng.random() < 0.1:
                reinstatement += ";" + str(rng.choice([6, 7, 8]))  # a footway or verge as well
            state = 1 if rng.random() < 0.04 else 2  # a few still under construction
            row = {
                "usrn": usrn, "street_name": name, "town": town, "area": rng.choice(areas),
                "road_category": category, "ha_swa_code": swa, "street_state": state,
                "reinstatement_type_code": reinstatement,
                "geometry_wkt": line(rng, eastings, northings, rng.randint(2, 6)),
            }
            busy = category <= 2
            traffic_sensitive = rng.random() < (0.55 if busy else 0.12)
            row["traffic_sensitive"] = yes(traffic_sensitive)
            if traffic_sensitive:
                periodicity, start, end, description = rng.choice(TS_WINDOWS[:4] if busy else TS_WINDOWS)
                row.update(ts_periodicity_code=periodicity, ts_start_time=start, ts_end_time=end,
                           ts_description=description)
            sed = rng.random() < 0.08
            row["special_engineering_difficulty"] = yes(sed)
            if sed:
                description, location = rng.choice(SED_REASONS)
                row.update(sed_description=description, sed_location_text=location or "")
            protected = rng.random() < (0.15 if busy else 0.03)
            row["protected_street"] = yes(protected)
            if protected:
                row["ps_description"] = rng.choice(PS_REASONS)
            # The last streets of each council run along the boundary: the other council is
            # recorded as an interested party (NSG interest records; D-INTERESTED).
            if index >= count - (20 if swa == "1001" else 10):
                row["interested_swa_codes"] = "1002" if swa == "1001" else "1001"
            yield row


def main():
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    with OUTPUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writeheader()
        for row in rows():
            writer.writerow(row)
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
