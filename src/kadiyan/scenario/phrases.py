"""Phrase banks for ads: escort-style segments tagged with indicator codes, and classifieds.

Each escort phrase carries the indicator codes (eval/README.md vocabulary) it expresses, so the
truth file can list the indicators of every ad. The tagging follows the development set:
"genuine" is safe_secure, "new girl" is youth, "new in town"/"just arrived" is movement,
"our/my girls" and "agent/manager/Sonu bhai" are third_person, WhatsApp-only contact is
messaging_only. Slots in braces are filled per ad.
"""

from __future__ import annotations

Phrase = tuple[str, tuple[str, ...]]

INDICATORS = (
    "third_person",
    "multiple_women",
    "movement",
    "youth",
    "foreign",
    "hotel_home_service",
    "safe_secure",
    "cash_only",
    "messaging_only",
    "always_available",
)

# Segment categories in the order a template usually uses them.
CATEGORIES = (
    "headline",
    "service",
    "safety",
    "availability",
    "payment",
    "profile",
    "extra",
    "contact",
)

ESCORT: dict[str, dict[str, list[Phrase]]] = {
    "en": {
        "headline": [
            ("VIP independent college girls available in {city} {area}", ("youth",)),
            ("High profile call girls in {city}, {area}", ()),
            ("{city} escort service, {area}", ()),
            ("Genuine escort service {city} {area}", ("safe_secure",)),
            ("Russian and Uzbek models for VIP clients in {city}", ("foreign",)),
            ("Housewife and college girl available, {city} {area}", ("youth",)),
            ("Independent model {name} in {city} {area}", ()),
            ("Our girls are waiting for you in {city} {area}", ("third_person",)),
            ("New in town!! Only {days} days in {area}, {city}", ("movement",)),
            ("Hot and sexy girls in {city} {area}", ()),
            ("Nepali and Assamese girls available in {city}", ("foreign",)),
            ("Fresh young girls just arrived in {city} {area}", ("youth", "movement")),
            ("{n} girls available today in {city} {area}", ("multiple_women",)),
            ("Thai girls just arrived in {city}, available till Sunday", ("foreign", "movement")),
            (
                "Model escorts in {city} {area}, my girls are new and young",
                ("third_person", "youth"),
            ),
            ("Call girl service {city} {area}", ()),
            ("Full service massage by young girls, {area} {city}", ("youth",)),
        ],
        "service": [
            ("hotel and home service", ("hotel_home_service",)),
            ("hotel and home service available", ("hotel_home_service",)),
            ("in-call and out-call, hotel delivery", ("hotel_home_service",)),
            ("home service only", ("hotel_home_service",)),
            ("full night and short time", ()),
            ("all services, full enjoyment", ()),
            ("room available, hotel service also", ("hotel_home_service",)),
        ],
        "safety": [
            ("100% safe and secure", ("safe_secure",)),
            ("full safe and secure", ("safe_secure",)),
            ("genuine service, no fake", ("safe_secure",)),
            ("full privacy, 100% genuine", ("safe_secure",)),
        ],
        "availability": [
            ("24x7", ("always_available",)),
            ("available 24/7", ("always_available",)),
            ("open 24 hours", ("always_available",)),
            ("available {t1} am to {t2} pm", ()),
            ("timing {t1} am - {t2} pm", ()),
        ],
        "payment": [
            ("cash only", ("cash_only",)),
            ("payment in cash only, no advance", ("cash_only",)),
            ("Rates start Rs {price} per hour", ()),
            ("short Rs {price}, night Rs {price2}", ()),
            ("Price: {price}/- for 1 hr, {price2}/- full night", ()),
            ("{price} rs only", ()),
            ("advance payment by GPay", ()),
        ],
        "profile": [
            ("Age {age}, {m1}-{m2}-{m3}", ()),
            ("age {age}, height 5'{inch}", ()),
            ("{age} yrs, slim, fair", ()),
            ("Age {age}, new girl", ("youth",)),
            ("figure {m1}-{m2}-{m3}", ()),
        ],
        "extra": [
            ("{n} girls, all new", ("multiple_women", "youth")),
            ("new girls every week", ("youth", "movement")),
            ("fresh stock every week", ("youth", "movement")),
            ("our girls are genuine", ("third_person", "safe_secure")),
            ("stay {days} days only", ("movement",)),
            ("college girls and housewives", ("youth",)),
            ("VIP clients only", ()),
            ("near {area}, pin {pin}", ()),
            ("18+ only", ()),
        ],
        "contact": [
            ("Call {contact} {phone}", ()),
            ("call/WhatsApp {phone}", ("messaging_only",)),
            ("WhatsApp only {phone}", ("messaging_only",)),
            ("Contact: {phone}", ()),
            ("Ph: {phone}", ()),
            ("call me : {phone}", ()),
            ("Contact our manager {phone}", ("third_person",)),
            ("contact agent {phone}", ("third_person",)),
            ("Call {boss} {phone}", ("third_person",)),
            ("Book now {phone}", ()),
            ("Message on WhatsApp {phone}", ("messaging_only",)),
        ],
    },
    "hinglish": {
        "headline": [
            ("{city} me VIP model chahiye to contact karo", ()),
            ("{city} {area} mein ladkiyan available", ()),
            ("Naye ladkiyan aayi hai {city} me", ("youth", "movement")),
            ("Hamare paas {n} ladkiyan hai, {area} {city}", ("third_person", "multiple_women")),
            ("College ki ladkiyan available {city} {area}", ("youth",)),
            ("Nepali ladki available {city} me", ("foreign",)),
            ("Sirf {days} din ke liye {city} me, {area}", ("movement",)),
            ("{city} me high profile service, {area}", ()),
            ("Meri ladkiyan sab genuine hai, {city} {area}", ("third_person", "safe_secure")),
        ],
        "service": [
            ("hotel aur ghar pe service", ("hotel_home_service",)),
            ("hotel room bhi milega", ("hotel_home_service",)),
            ("full night bhi available", ()),
            ("short time aur full night", ()),
        ],
        "safety": [
            ("full safe hai, koi tension nahi", ("safe_secure",)),
            ("100% genuine, no fraud", ("safe_secure",)),
            ("pura safe and secure", ("safe_secure",)),
        ],
        "availability": [
            ("24 ghante available", ("always_available",)),
            ("din raat service", ("always_available",)),
            ("subah {t1} se raat {t2} tak", ()),
        ],
        "payment": [
            ("sirf cash", ("cash_only",)),
            ("cash payment only", ("cash_only",)),
            ("rate {price} se shuru", ()),
            ("{price} rs ek ghanta, night {price2}", ()),
        ],
        "profile": [
            ("umar {age} saal, {m1}-{m2}-{m3}", ()),
            ("age {age}, gori aur slim", ()),
        ],
        "extra": [
            ("har hafte nayi ladki", ("youth", "movement")),
            ("{n} ladkiyan ready hai", ("multiple_women",)),
            ("pin {pin}", ()),
        ],
        "contact": [
            ("call karo {phone}", ()),
            ("sirf whatsapp, number {phone}", ("messaging_only",)),
            ("whatsapp karo {phone}", ("messaging_only",)),
            ("{contact} ko call karo {phone}", ()),
            ("{boss} se baat karo {phone}", ("third_person",)),
            ("number {phone}", ()),
        ],
    },
    "hi": {
        "headline": [
            ("{city_hi} में हाई प्रोफाइल कॉल गर्ल सर्विस", ()),
            ("{city_hi} नई लड़कियाँ", ("youth",)),
            (("हमारे पास नई नेपाली लड़कियाँ हैं, {city_hi} में"), ("third_person", "foreign", "youth")),
            ("{city_hi} {area_hi} में कॉलेज गर्ल उपलब्ध", ("youth",)),
            ("सिर्फ {days} दिन के लिए {city_hi} में", ("movement",)),
            ("{city_hi} में {n} लड़कियाँ उपलब्ध", ("multiple_women",)),
            ("{city_hi} {area_hi} में एस्कॉर्ट सर्विस", ()),
        ],
        "service": [
            ("होटल और घर पर सर्विस", ("hotel_home_service",)),
            ("होटल में सर्विस उपलब्ध", ("hotel_home_service",)),
            ("पूरी रात की सर्विस", ()),
        ],
        "safety": [
            ("100% सुरक्षित", ("safe_secure",)),
            ("पूरी तरह सेफ और सिक्योर", ("safe_secure",)),
        ],
        "availability": [
            ("24 घंटे उपलब्ध", ("always_available",)),
            ("सुबह {t1} से रात {t2} बजे तक", ()),
        ],
        "payment": [
            ("सिर्फ नकद भुगतान", ("cash_only",)),
            ("रेट {price} रुपये से", ()),
        ],
        "profile": [
            ("उम्र {age} साल", ()),
            ("उम्र {age} वर्ष, {m1}-{m2}-{m3}", ()),
        ],
        "extra": [
            ("हर हफ्ते नई लड़कियाँ", ("youth", "movement")),
            ("पिन {pin}", ()),
        ],
        "contact": [
            ("संपर्क करें {phone}", ()),
            ("कॉल करें {phone}", ()),
            ("व्हाट्सएप करें {phone}", ("messaging_only",)),
            ("{boss} से बात करें {phone}", ("third_person",)),
            ("सिर्फ व्हाट्सएप {phone}", ("messaging_only",)),
        ],
    },
}

# How a handle is introduced; {h} is the handle as written (`insta @x`, `t.me/x`...).
HANDLE_LEADS: dict[str, list[Phrase]] = {
    "instagram": [
        ("{h} for pics", ()),
        ("{h}, DM only", ("messaging_only",)),
        ("follow {h}", ()),
        ("pics on {h}", ()),
    ],
    "telegram": [
        ("Join {h} for daily new girls", ("youth", "movement")),
        ("{h}", ()),
        ("channel {h}", ()),
    ],
    "twitter": [("Follow {h} for updates", ()), ("{h}", ())],
    "facebook": [("page: {h}", ()), ("{h}", ())],
}
EMAIL_LEADS = ("Email bookings: {email}", "mail {email}", "email: {email}")

# Small word swaps between ads of one template; none of them changes an indicator.
WORD_SWAPS: dict[str, tuple[str, ...]] = {
    "available": ("avl", "availble", "avlbl"),
    "girls": ("gals", "grls", "girlz"),
    "service": ("servise", "services"),
    "Call": ("Cal", "CALL"),
    "call": ("cal", "CALL"),
    "Contact": ("Contct", "CONTACT"),
    "ladkiyan": ("ladkiya", "ladkiyaan"),
    "hotel": ("hotal", "HOTEL"),
    "young": ("yung",),
}
DECORATIONS = ("", "", "", "🔥 ", "💋 ", "❤️ ", "👉 ", "✨ ")
SEPARATORS = (", ", ". ", " | ", " - ", " 💋 ", " ✨ ", "!! ", ", ")

BENIGN: dict[str, list[str]] = {
    "en": [
        "Tuition classes for class {cls}, {subject}, {area} {city}. Call {phone} between {t1} "
        "to {t2}",
        "Home tuition available for class {cls} {subject}, experienced teacher, {area}. Contact "
        "{phone}",
        "Selling used {bike} {year} model, {km} km driven, price {price}, call {phone}",
        "Maruti {car} {year}, {km} km, single owner, {area} {city}, call {phone}",
        "{bhk} BHK flat for rent in {area}, {city}. Rent {rent}, deposit {dep}. Contact {phone}",
        "PG for girls near {area}, {city}, meals included, Rs {rent}/month, call {phone}",
        "Wanted {job} in {city}, salary {sal1}-{sal2}, contact {phone}",
        "Hiring {job} for our {city} office, send CV to {email}",
        "{model} for sale, {gb}GB, {months} months old, bill and box, Rs {price}. {phone}",
        "Packers and movers {city}, household shifting, call {phone}",
        "Yoga classes at {area}, morning {t1} am batch, Rs {price} per month, {phone}",
        "Ayurvedic massage centre {area} {city}, family welcome, Rs {price}, call {phone}",
        "Found wallet near {area} with Aadhaar {aadhaar}, owner please call {phone}",
        "Order id {order} delivered to {area}. For returns call {phone}",
        "Room for rent {area}, {city} {pin}, rent {rent}, contact {phone}",
    ],
    "hinglish": [
        "Room khali hai {area} me, rent {rent}, call karo {phone}",
        "{bike} bechna hai, {year} model, {km} km chali, {phone}",
        "Tuition ke liye sampark kare, class {cls}, {subject}, {phone}",
    ],
    "hi": [
        "किराये के लिए कमरा खाली है, {area_hi} {city_hi}, किराया {rent} रुपये, संपर्क {phone}",
        "ट्यूशन कक्षा {cls} के लिए, {subject}, संपर्क करें {phone}",
        "पुरानी {bike} बेचनी है, {year} मॉडल, {km} किमी, फोन {phone}",
    ],
}
BIKES = (
    "Honda Activa",
    "Hero Splendor",
    "Bajaj Pulsar",
    "TVS Jupiter",
    "Royal Enfield Classic",
    "Honda Shine",
)
CARS = ("Swift", "Alto", "WagonR", "Baleno", "Dzire")
PHONE_MODELS = ("iPhone 12", "Redmi Note 10", "Samsung M31", "Vivo Y20", "Realme 8")
JOBS = (
    "delivery boys",
    "data entry operator",
    "security guards",
    "telecaller",
    "office boy",
    "driver",
)
SUBJECTS = ("Maths", "Physics", "Science", "English", "Accounts", "Chemistry")
