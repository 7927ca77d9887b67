/// Small word lists of public reference data: ISO 3166 countries, first-level regions of common
/// countries, gender words, street-type words. Matching is on lower-cased, trimmed values.
enum Gazetteer {
    /// ISO 3166-1 alpha-2 codes (officially assigned).
    static let countryCodes: Set<String> = Set("""
    ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm bn bo bq br bs bt bv bw by bz \
    ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg eh er es et fi fj fk fm fo \
    fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je \
    jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mf mg mh mk ml mm mn mo \
    mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw \
    py qa re ro rs ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st sv sx sy sz tc td tf tg th tj tk tl tm \
    tn to tr tt tv tw tz ua ug um us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw uk
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    /// Country names in English and in the local language for common countries.
    static let countryNames: Set<String> = [
        "united states", "united states of america", "usa", "united kingdom", "great britain", "england", "germany",
        "deutschland", "france", "spain", "españa", "espana", "italy", "italia", "netherlands", "the netherlands",
        "nederland", "belgium", "belgique", "belgië", "switzerland", "schweiz", "suisse", "austria", "österreich",
        "portugal", "brazil", "brasil", "japan", "日本", "india", "bharat", "china", "中国", "canada", "mexico", "méxico",
        "australia", "new zealand", "ireland", "sweden", "sverige", "norway", "norge", "denmark", "danmark", "finland",
        "suomi", "poland", "polska", "czech republic", "czechia", "greece", "turkey", "türkiye", "russia", "ukraine",
        "argentina", "chile", "colombia", "peru", "south africa", "nigeria", "egypt", "israel", "singapore",
        "south korea", "korea", "indonesia", "thailand", "vietnam", "philippines", "malaysia", "romania", "hungary",
        "luxembourg", "iceland", "croatia", "slovenia", "slovakia", "bulgaria", "serbia", "estonia", "latvia",
        "lithuania", "saudi arabia", "united arab emirates", "pakistan", "bangladesh", "morocco", "kenya",
    ]

    /// First-level subdivisions of common countries (ISO 3166-2 names; US/CA/AU/BR/IN codes).
    static let regions: Set<String> = [
        // United States (names and postal codes)
        "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida",
        "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine",
        "maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska",
        "nevada", "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio",
        "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas",
        "utah", "vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming",
        // Germany
        "baden-württemberg", "bayern", "bavaria", "berlin", "brandenburg", "bremen", "hamburg", "hessen", "hesse",
        "mecklenburg-vorpommern", "niedersachsen", "nordrhein-westfalen", "rheinland-pfalz", "saarland", "sachsen",
        "sachsen-anhalt", "schleswig-holstein", "thüringen",
        // Netherlands, Belgium, Austria, Switzerland (common)
        "drenthe", "flevoland", "friesland", "fryslân", "gelderland", "groningen", "limburg", "noord-brabant",
        "noord-holland", "overijssel", "utrecht", "zeeland", "zuid-holland", "vlaanderen", "wallonie", "tirol",
        "steiermark", "kärnten", "salzburg", "vorarlberg", "burgenland", "niederösterreich", "oberösterreich",
        // France (regions, historic regions, overseas)
        "île-de-france", "auvergne-rhône-alpes", "bourgogne-franche-comté", "bretagne", "centre-val de loire", "corse",
        "grand est", "hauts-de-france", "normandie", "nouvelle-aquitaine", "occitanie", "pays de la loire",
        "provence-alpes-côte d'azur", "alsace", "aquitaine", "auvergne", "bourgogne", "champagne-ardenne",
        "franche-comté", "languedoc-roussillon", "limousin", "lorraine", "midi-pyrénées", "nord-pas-de-calais",
        "basse-normandie", "haute-normandie", "picardie", "poitou-charentes", "rhône-alpes", "guadeloupe",
        "martinique", "guyane", "la réunion", "mayotte",
        // Spain (communities and provinces)
        "andalucía", "aragón", "asturias", "cantabria", "castilla y león", "castilla-la mancha", "cataluña",
        "catalunya", "extremadura", "galicia", "la rioja", "murcia", "navarra", "país vasco", "euskadi",
        "comunidad valenciana", "islas baleares", "canarias", "álava", "albacete", "alicante", "almería", "ávila",
        "badajoz", "barcelona", "burgos", "cáceres", "cádiz", "castellón", "ciudad real", "córdoba", "cuenca",
        "girona", "granada", "guadalajara", "guipúzcoa", "huelva", "huesca", "jaén", "león", "lleida", "lugo",
        "madrid", "málaga", "ourense", "palencia", "las palmas", "pontevedra", "salamanca",
        "santa cruz de tenerife", "segovia", "sevilla", "soria", "tarragona", "teruel", "toledo", "valencia",
        "valladolid", "vizcaya", "bizkaia", "zamora", "zaragoza", "ceuta", "melilla", "la coruña", "a coruña",
        "baleares", "gipuzkoa",
        // Italy (regions and common provinces)
        "abruzzo", "basilicata", "calabria", "campania", "emilia-romagna", "friuli-venezia giulia", "lazio",
        "liguria", "lombardia", "marche", "molise", "piemonte", "puglia", "sardegna", "sicilia", "toscana",
        "trentino-alto adige", "umbria", "valle d'aosta", "veneto", "agrigento", "alessandria", "ancona", "arezzo",
        "ascoli piceno", "asti", "avellino", "bari", "belluno", "benevento", "bergamo", "biella", "bologna",
        "bolzano", "brescia", "brindisi", "cagliari", "caltanissetta", "campobasso", "caserta", "catania",
        "catanzaro", "chieti", "como", "cosenza", "cremona", "crotone", "cuneo", "enna", "fermo", "ferrara",
        "firenze", "foggia", "forlì-cesena", "frosinone", "genova", "gorizia", "grosseto", "imperia", "isernia",
        "l'aquila", "la spezia", "latina", "lecce", "lecco", "livorno", "lodi", "lucca", "macerata", "mantova",
        "massa-carrara", "matera", "messina", "milano", "modena", "monza e brianza", "napoli", "novara", "nuoro",
        "oristano", "padova", "palermo", "parma", "pavia", "perugia", "pesaro e urbino", "pescara", "piacenza",
        "pisa", "pistoia", "pordenone", "potenza", "prato", "ragusa", "ravenna", "reggio calabria",
        "reggio emilia", "rieti", "rimini", "roma", "rovigo", "salerno", "sassari", "savona", "siena", "siracusa",
        "sondrio", "taranto", "teramo", "terni", "torino", "trapani", "trento", "treviso", "trieste", "udine",
        "varese", "venezia", "verbano-cusio-ossola", "vercelli", "verona", "vibo valentia", "vicenza", "viterbo",
        // United Kingdom (countries, counties)
        "scotland", "wales", "northern ireland", "bedfordshire", "berkshire", "buckinghamshire",
        "cambridgeshire", "cheshire", "cornwall", "cumbria", "derbyshire", "devon", "dorset", "durham",
        "east sussex", "essex", "gloucestershire", "greater london", "greater manchester", "hampshire",
        "herefordshire", "hertfordshire", "kent", "lancashire", "leicestershire", "lincolnshire", "merseyside",
        "norfolk", "north yorkshire", "northamptonshire", "northumberland", "nottinghamshire", "oxfordshire",
        "rutland", "shropshire", "somerset", "south yorkshire", "staffordshire", "suffolk", "surrey",
        "tyne and wear", "warwickshire", "west midlands", "west sussex", "west yorkshire", "wiltshire",
        "worcestershire", "east dunbartonshire", "west dunbartonshire", "fife", "highland", "aberdeenshire",
        "east riding of yorkshire", "isle of wight", "city of london",
        // Brazil
        "acre", "alagoas", "amapá", "amazonas", "bahia", "ceará", "distrito federal", "espírito santo", "goiás",
        "maranhão", "mato grosso", "mato grosso do sul", "minas gerais", "pará", "paraíba", "paraná",
        "pernambuco", "piauí", "rio de janeiro", "rio grande do norte", "rio grande do sul", "rondônia", "roraima",
        "santa catarina", "são paulo", "sergipe", "tocantins",
        // India
        "andhra pradesh", "arunachal pradesh", "assam", "bihar", "chhattisgarh", "goa", "gujarat", "haryana",
        "himachal pradesh", "jharkhand", "karnataka", "kerala", "madhya pradesh", "maharashtra", "manipur",
        "meghalaya", "mizoram", "nagaland", "odisha", "punjab", "rajasthan", "sikkim", "tamil nadu", "telangana",
        "tripura", "uttar pradesh", "uttarakhand", "west bengal", "delhi", "jammu and kashmir", "puducherry",
        "chandigarh", "ladakh",
        // Canada, Australia
        "ontario", "quebec", "québec", "british columbia", "alberta", "manitoba", "saskatchewan", "nova scotia",
        "new brunswick", "newfoundland and labrador", "prince edward island", "new south wales", "queensland",
        "south australia", "tasmania", "victoria", "western australia", "northern territory",
    ]

    /// Words for a gender in common languages (full words; letters are handled separately).
    static let genderWords: Set<String> = [
        "male", "female", "man", "woman", "men", "women", "non-binary", "nonbinary", "non binary", "diverse",
        "divers", "other", "männlich", "weiblich", "mann", "frau", "homme", "femme", "masculin", "féminin",
        "masculino", "femenino", "feminino", "hombre", "mujer", "maschio", "femmina", "uomo", "donna", "maschile",
        "femminile", "man", "vrouw", "mannelijk", "vrouwelijk", "男性", "女性", "男", "女", "pria", "wanita",
        "genderqueer", "agender", "mr", "mrs", "ms",
    ]

    /// Street-type words (EN, DE, FR, ES, IT, PT, NL) that mark a street address next to a number.
    static let streetWords: Set<String> = [
        "street", "st", "road", "rd", "avenue", "ave", "lane", "ln", "drive", "dr", "way", "court", "ct", "place",
        "pl", "square", "boulevard", "blvd", "highway", "freeway", "parkway", "crescent", "terrace", "close",
        "grove", "gardens", "hill", "park", "row", "walk", "mews", "brook", "dam", "inlet", "ranch", "tunnel",
        "flat", "apt", "apt.", "suite", "unit", "studio", "straße", "strasse", "str", "str.", "weg", "gasse", "allee",
        "platz", "ring", "damm", "ufer", "chaussee", "rue", "avenue", "boulevard", "chemin", "impasse", "allée",
        "place", "quai", "calle", "avenida", "paseo", "plaza", "camino", "carrera", "ronda", "travesía", "cuesta",
        "via", "viale", "piazza", "corso", "vicolo", "largo", "strada", "contrada", "rua", "travessa", "praça",
        "alameda", "estrada", "rodovia", "setor", "conjunto", "passarela", "straat", "laan", "weg", "plein",
        "gracht", "kade", "singel", "steeg", "marg", "nagar", "zila", "piso", "puerta", "appartamento", "piano",
        "canale", "stretto", "h.no.", "no.",
        // USPS street suffixes (Publication 28, appendix C1) beyond the usual ones above.
        "alley", "bayou", "beach", "bend", "bluff", "bluffs", "bottom", "branch", "bridge", "burg", "bypass", "camp",
        "canyon", "cape", "causeway", "center", "circle", "circles", "cliff", "cliffs", "club", "common", "corner",
        "corners", "course", "cove", "coves", "creek", "crest", "crossing", "crossroad", "curve", "dale", "divide",
        "estate", "estates", "expressway", "extension", "falls", "ferry", "field", "fields", "flats", "ford",
        "fords", "forest", "forge", "forges", "fork", "forks", "fort", "gateway", "glen", "glens", "green",
        "greens", "harbor", "harbors", "haven", "heights", "hollow", "island", "islands", "isle", "junction",
        "junctions", "key", "keys", "knoll", "knolls", "lake", "lakes", "landing", "light", "lights", "loaf",
        "lock", "locks", "lodge", "loop", "mall", "manor", "manors", "meadow", "meadows", "mill", "mills",
        "mission", "motorway", "mount", "mountain", "mountains", "neck", "orchard", "oval", "overpass", "pass",
        "passage", "path", "pike", "pine", "pines", "plain", "plains", "point", "points", "port", "ports",
        "prairie", "radial", "ramp", "rapid", "rapids", "rest", "ridge", "ridges", "river", "route", "run",
        "shoal", "shoals", "shore", "shores", "skyway", "spring", "springs", "spur", "spurs", "squares", "station",
        "stravenue", "stream", "streets", "summit", "throughway", "trace", "track", "trafficway", "trail",
        "trailer", "turnpike", "underpass", "union", "unions", "valley", "valleys", "viaduct", "view", "views",
        "village", "villages", "ville", "vista", "walks", "wall", "ways", "well", "wells", "harbour", "parade",
        "esplanade", "quay", "wharf", "wynd", "rise", "vale", "mead", "fold",
        // Iberian, Italian, Brazilian and Indian street types.
        "c.", "c/", "cl.", "av.", "avda.", "urbanización", "urb.", "callejón", "pasaje", "glorieta", "rambla",
        "carretera", "vía", "travesia", "sector", "rotonda", "borgo", "piazzale", "lungomare", "traversa",
        "chácara", "colônia", "residencial", "lagoa", "viela", "praia", "vila", "quadra", "núcleo", "condomínio",
        "sítio", "fazenda", "loteamento", "jardim", "ladeira", "morro", "vale", "parque", "recanto", "trecho",
        "ganj", "chowk", "path", "colony", "mohalla", "bazar", "galli", "gali", "road",
    ]

    /// Whether lower-cased capitalised words have the shape of a town's name rather than a person's:
    /// a place prefix word (`Port Glen`, `Bad Brückenau`, `San Cristina los altos`), a place connector
    /// (`Pfaffenhofen an der Ilm`, `Capelle aan den IJssel`, `Boyer-la-Forêt`), a Dutch province code
    /// (`Driehuis NH`), a town's last word (`Porto Alegre`), or a last word ending like a town (`-hausen`,
    /// `-ville`, `-pur`, `-daal`...; the word longer than the ending by three letters at least). Endings
    /// common in surnames (`-berg`, `-stein`, `-feld`, `-ton`, `-son`, `-dijk`) are left out, and a given
    /// name first makes it a person's name: a name stays a name.
    static func looksLikePlace(_ words: [String]) -> Bool {
        guard let first = words.first, let last = words.last else { return false }
        if words.count >= 2, placePrefixes.contains(first) { return true }
        // A given name first is a person (`Maria Grande`, `Anna Berghausen`).
        if words.count >= 2, GivenNames.all.contains(first) { return false }
        if words.count >= 2, placeLastWords.contains(last) { return true }
        if words.count >= 3, words.dropFirst().dropLast().contains(where: placeConnectors.contains) { return true }
        if words.count >= 2, dutchProvinces.contains(last) { return true }
        if words.contains(where: { w in ["-sur-", "-la-", "-le-", "-les-", "-lès-", "-en-", "-sous-"].contains { w.contains($0) } }) {
            return true
        }
        return placeEndings.contains { last.count >= $0.count + 3 && last.hasSuffix($0) }
    }

    static let placePrefixes: Set<String> = [
        "north", "south", "east", "west", "new", "lake", "port", "fort", "mount", "saint", "st.", "sankt", "bad",
        "san", "santa", "santo", "são", "puerto", "porto", "ciudad", "villa", "vila", "castel", "borgo", "monte",
        "sainte", "nieuw", "oud", "groot", "klein", "sint",
    ]
    /// Words that join a town's name to its river or region (`an der Ilm`, `aan den IJssel`, `sul Sangro`).
    static let placeConnectors: Set<String> = ["an", "am", "im", "bei", "ob", "aan", "op", "sur", "sous", "lès", "sul", "sull'"]
    /// Last words of towns' names (`Karawal Nagar`, `Porto Alegre`, `Campo Grande`, `Rio Verde`).
    private static let placeLastWords: Set<String> = [
        "nagar", "ganj", "grande", "alegre", "verde", "paulista", "sharif", "sul", "norte", "oeste", "leste",
    ]
    private static let dutchProvinces: Set<String> = ["nh", "zh", "nb", "gr", "fr", "dr", "ov", "ge", "gld", "ut", "ze", "li", "fl"]
    private static let placeEndings: [String] = [
        // English (not -ton, -land, -berg: common in surnames)
        "ville", "town", "burgh", "borough", "chester", "mouth", "haven", "shire", "stad", "view", "side", "furt",
        "bury", "port",
        // German
        "hausen", "heim", "dorf", "stadt", "stätt", "hofen", "ingen", "leben", "kirchen", "brück", "brücken", "walde",
        "rode", "büttel", "burg", "hagen", "stedt",
        // Dutch (not -dijk, -wijk, -voort, -horst, -veen, -huizen: common in surnames; -broek, -hoven mostly
        // after a particle, `van den Broek`, which makes a person)
        "dam", "daal", "hout", "woude", "zijl", "drecht", "broek", "hoven", "werd", "gestel",
        // Indian
        "pur", "puram", "abad", "nagar", "garh", "gaon", "ganj", "palli", "halli",
    ]

    /// Street types that open a street's name in Romance languages and Brazil (`rue Aubert`, `Viela Lima`,
    /// `Aeroporto Enzo da Luz`): with a name after them they are an address even without a number.
    static let leadingStreetTypes: Set<String> = [
        "rue", "avenue", "boulevard", "chemin", "impasse", "allée", "quai", "calle", "avenida", "paseo", "camino",
        "carrera", "callejón", "travesía", "glorieta", "ronda", "urbanización", "viale", "piazza", "corso", "vicolo",
        "strada", "contrada", "rotonda", "rua", "travessa", "viela", "praça", "alameda", "estrada", "rodovia", "setor",
        "quadra", "aeroporto", "área", "chácara", "colônia", "condomínio", "conjunto", "distrito", "esplanada",
        "estação", "favela", "fazenda", "feira", "jardim", "ladeira", "lago", "lagoa", "largo", "loteamento", "morro",
        "núcleo", "parque", "passarela", "pátio", "praia", "recanto", "residencial", "sítio", "trecho", "trevo",
        "vereda", "viaduto", "vila",
    ]

    /// Endings of one-word street names in compound-forming languages (DE `Schinkeplatz`, NL `Emilypad`).
    static let streetSuffixes: [String] = [
        "straße", "strasse", "str.", "weg", "ring", "gasse", "laan", "straat", "singel", "plein", "allee",
        "platz", "pad", "hof", "dreef", "gracht", "kade", "steeg", "dijk", "markt", "damm", "ufer", "pfad",
        "steig", "chaussee", "graben",
    ]
}
