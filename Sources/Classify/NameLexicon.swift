/// What a field's name says, from a lexicon of normalised keys (last path component, tokens
/// joined, lower case) in several languages, vendor schemas, and parent-object context.
enum NameSignal: Equatable {
    /// The name says what the value is (still checked against the value).
    case category(PIICategory)
    /// Free text or a URL: look for an e-mail or phone number inside.
    case text
    /// A known non-personal field (ids of events/orders, hashes of content, versions, money...).
    case negative
    /// Opaque or unrecognised: decide from the value alone.
    case unknown
}

enum NameLexicon {
    /// Exact keys. Short keys that are ambiguous elsewhere (`em`, `ph`, `fn`...) are in `userDataKeys`.
    static let exact: [String: PIICategory] = {
        var m: [String: PIICategory] = [:]
        func put(_ c: PIICategory, _ keys: String) { for k in keys.split(separator: " ") { m[String(k)] = c } }
        put(.email, "email emailaddress mail useremail customeremail contactemail billingemail emailplain courriel "
            + "correo correoelectronico epost eposta emailadresse adresseemail mailadresse email1 primaryemail")
        put(.email_sha256, "sha256email hashedemail emailsha256 emailhash hashedemailaddress sha256emailaddress "
            + "emailhashed hem")
        put(.phone, "phone phonenumber mobile mobilephone mobilenumber tel telephone telefono telefon telefone "
            + "cell cellphone handy handynummer mobil telefonnummer numerotelephone whatsapp contactphone "
            + "billingphone homephone workphone portable cellulare phoneplain")
        put(.phone_sha256, "sha256phonenumber hashedphonenumber hashedphone phonesha256 phonehash sha256phone")
        put(.name_first, "firstname fname givenname first vorname prenom prénom nombre nome voornaam forename "
            + "billingfirstname shippingfirstname")
        put(.name_last, "lastname lname surname familyname nachname nom apellido apellidos cognome sobrenome "
            + "achternaam billinglastname shippinglastname")
        put(.name_full, "fullname displayname customername cardholdername cardholder billingname contactname "
            + "shippingname recipientname nombrecompleto nomecompleto vollstandigername realname")
        put(.street_address, "street streetaddress address address1 addressline1 addressline line1 homeaddress "
            + "billingaddress shippingaddress strasse straße rue calle indirizzo direccion dirección adresse endereco "
            + "straat street1 streetline1 addr")
        put(.city, "city town ort stadt ville ciudad citta città cidade plaats locality municipality homecity")
        put(.postal_code, "zip zipcode postalcode postcode plz postleitzahl codigopostal codepostal cap cep "
            + "postcodenumber zip5")
        put(.region, "state region province county bundesland provincia estado regione prefecture stateprovince "
            + "stateorprovince")
        put(.country, "country countrycode countryname land pays pais país paese mpcountrycode countryiso")
        put(.date_of_birth, "dob birthday birthdate dateofbirth bday geburtsdatum fechanacimiento "
            + "fechadenacimiento datanascita datadinascita datenaissance datedenaissance birth geboortedatum")
        put(.gender, "gender sex geschlecht genre sexo genero género sesso geslacht")
        put(.ip_address, "ip ipaddress clientipaddress uip remoteip ipv4 ipv6 clientip userip xforwardedfor "
            + "ipaddr sourceip")
        put(.user_agent, "ua useragent clientuseragent browseruseragent httpuseragent")
        put(.user_id, "userid uid externalid customerid accountid memberid externalidplain customeruserid "
            + "username login loginid crmid profileid subscriberid contactid")
        put(.device_id, "deviceid idfa idfv gaid adid advertisingid madid gpsadid androidid aaid appsflyerid "
            + "mobileadid hardwareid")
        put(.cookie_id, "anonymousid clientid cid fbp hutk mid distinctid ttp gclau gaclientid hjuserid "
            + "visitorid muid sccookie1 ajsanonymousid ecid mcmid bundle aid vid ga gid uetvid hstc hubspotutk "
            + "scid pinunauth rdtuuid ide clck secid ajsuserid2 kuid ttclidcookie")
        put(.click_id, "gclid dclid wbraid gbraid fbclid fbc msclkid ttclid twclid lifatid clickid scclickid "
            + "sccid callback epik irclickid rdtcid yclid gclaw gcldc gclgs gclgb")
        put(.geolocation, "lat latitude lng lon long longitude latlng latlon geo coordinates coords gps "
            + "currentlocation geolocation locationlat locationlng location")
        put(.credit_card, "cardnumber ccnumber creditcard creditcardnumber cc pan kartennummer numerocarte "
            + "numerotarjeta cardno")
        put(.iban, "iban bankaccount sepaiban ibancode accountiban bankaccountnumber")
        put(.national_id, "ssn nationalid taxid cpf bsn nino ninumber nir numerosecuritesociale codicefiscale dni "
            + "nie nif steuerid steueridentifikationsnummer personnummer aadhaar documentnumber idnumber "
            + "passport passportnumber nationalidnumber socialsecuritynumber sozialversicherungsnummer "
            + "burgerservicenummer curp rut pesel")
        return m
    }()

    /// Meta-style `user_data` short keys (also used by Pinterest, Snap, TikTok, Reddit CAPIs).
    static let userDataKeys: [String: PIICategory] = [
        "em": .email, "ph": .phone, "fn": .name_first, "ln": .name_last, "ct": .city, "st": .region,
        "zp": .postal_code, "db": .date_of_birth, "ge": .gender, "country": .country,
    ]
    static let userDataParents: Set<String> = ["userdata", "ud", "user", "userinfo"]

    /// Parents whose children describe a person (so `name` is a person's name).
    static let personParents: Set<String> = [
        "user", "users", "traits", "customer", "profile", "person", "contact", "billing", "billingdetails",
        "shipping", "recipient", "member", "account", "identify", "attributes", "userproperties", "set",
        "userdata", "ud", "buyer", "client", "owner", "cardholder", "payer", "sender", "visitor", "subscriber",
    ]

    /// Ancestors whose children are about things, not the visitor.
    static let thingParents: Set<String> = [
        "items", "item", "products", "product", "contents", "content", "merchant", "store", "shop", "seller",
        "config", "server", "edge", "app", "p", "library", "lib", "campaign", "experiment", "perf", "shipment",
        "page", "screen", "os", "sdk", "integrations", "consent", "plan", "site", "vendor", "brand", "metric",
    ]

    /// Words that may stand beside `state` in the name of an address's state (`billing_state`,
    /// `stateCode`); any other (`authenticatedState`, `appState`) makes it some other state.
    static let stateQualifiers: Set<String> = [
        "state", "code", "name", "billing", "shipping", "home", "address", "addr", "user", "customer", "contact",
        "mailing", "residence", "delivery", "iso", "abbr", "abbreviation", "short", "us", "province", "region", "st",
    ]

    /// Keys of free text or URLs.
    static let textKeys: Set<String> = [
        "url", "dl", "dr", "rl", "pagelocation", "pagereferrer", "referrer", "referer", "currenturl", "href",
        "message", "note", "notes", "comment", "comments", "feedback", "searchterm", "search", "query", "q",
        "description", "text", "body", "subject", "remark", "remarks", "eventsourceurl", "pageurl", "location.href",
        "initialreferrer", "landingpage", "sourceurl", "link", "uri", "path", "title", "pagetitle", "dt",
    ]

    /// Tokens that make a name non-personal.
    static let negativeTokens: Set<String> = [
        "hash", "etag", "integrity", "proof", "appsecret", "accesstoken", "apisecret", "apikey", "nonce", "csrf", "token", "commit", "checksum", "cache", "signature", "secret",
        "version", "ver", "build", "timestamp", "time", "ts", "currency", "price", "revenue", "discount",
        "quantity", "amount", "total", "tax", "rate", "count", "brand", "category", "variant", "sku", "gtin",
        "barcode", "size", "campaign", "medium", "utm", "locale", "language", "lang", "platform", "browser",
        "screen", "resolution", "density", "viewport", "template", "enabled", "verified", "optin", "consent",
        "subscribed", "status", "type", "flag", "is", "has", "percent", "scrolled", "engagement", "msec", "ms",
        "score", "rating", "temperature", "step", "coupon", "collection", "namespace", "tracking", "pixel",
        "conversion", "order", "server", "zone", "region2", "transaction", "cart", "insert", "request", "event", "message",
        "session", "sent", "opened", "clicked", "delivery", "checkin", "checkout", "publish", "created", "updated",
        "expires", "index", "position", "value", "os", "num", "items", "level", "duration", "width", "height", "depth", "frequency",
        "runtime", "distro",
    ]
    /// Tokens that make an `...id` name an id of a thing (negative), when paired with `id`.
    static let thingIDTokens: Set<String> = [
        "event", "message", "insert", "order", "transaction", "cart", "request", "item", "list", "content",
        "product", "pixel", "session", "page", "campaign", "ad", "creative", "conversion", "container",
        "measurement", "tracking", "property", "app", "site", "store", "merchant", "trace", "span", "batch",
        "invoice", "payment", "shipment", "sku", "asset", "experiment", "variant", "test", "job", "org",
    ]

    /// GA4 / Universal Analytics / Meta Pixel protocol parameters that are not personal.
    static let protocolKeys: Set<String> = [
        "v", "tid", "p", "s", "et", "ss", "fv", "nsi", "sct", "seg", "sid", "en", "sr", "vp", "ul", "je", "de",
        "cu", "npa", "gcs", "gcd", "dma", "z", "cb", "t", "ni", "cn", "cs", "cm", "ck", "ti", "tr", "ta", "pr1",
        "pr1id", "pr1nm", "pr1br", "pr1ca", "pr1va", "pr1pr", "pr1qt", "uafvl", "uap", "uapv", "uam", "uaw",
        "uaa", "uab", "ev", "eid", "if", "sw", "sh", "ec", "o", "it", "coo", "rqm", "r", "ts", "id", "ds",
        "pixelcode", "pixelid", "site", "event", "conversion", "sourcename",
    ]
}
