import Foundation
import Payload

/// Classifies one extracted field into the personal-data taxonomy.
///
/// Two signals, combined by explicit rules (see `NameLexicon` and `Validators`):
/// 1. the name: the last path component's normalised key and tokens, its parent (Meta-style
///    `user_data.em`, person objects such as `traits`, thing objects such as `items[0]`), free-text
///    keys, known protocol parameters and negative words;
/// 2. the value: validators with checksums where they exist (e-mail syntax, E.164 phones, IPs,
///    user agents, Luhn, IBAN mod-97, national id checks, UUID/advertising ids, `_fbp`/`fbc`/
///    `gclid`/`ttclid`/`_ga` formats, coordinates, dates, hashes).
/// A name that says a category is confirmed (or refused) by the value; a known non-personal name
/// gives `none` (unless the value is a whole, non-role e-mail address); a free-text name is
/// searched for an e-mail or phone; an opaque name falls back to value-only detectors ordered
/// from the most specific (checksummed formats, confidence 0.7-0.9) down to weak shape priors
/// (confidence 0.3-0.45): a 64-hex string is guessed `email_sha256`, 32 hex `click_id`, a UUID
/// `cookie_id` (upper-case: `device_id`), 5-6 digits `postal_code`, capitalised words a name.
/// The weak priors are what the confidence is for: a consumer can drop findings below 0.5.
/// `HashCorrelator` can confirm a hash against plain values seen in the same session.
/// Never throws; any bytes are accepted; values over 64 KiB are not classified; cost is a few
/// passes over the value, no regex engine.
package struct FieldClassifier: Sendable {
    /// Parsed names and their signals by (path without indices, vendor): batches repeat the same
    /// field names with other indices, and the name side is most of the cost of a field.
    private let names = NameCache()

    package init() {}

    /// A parsed field name and what it says about the value: the part of classification that
    /// depends on the path and vendor only, so a caller that sees the same path again can keep it.
    package struct Name: Sendable {
        fileprivate let field: FieldName
        fileprivate let signal: NameSignal

        /// True when the name alone says which category its value is (still checked against the value).
        package var namesCategory: Bool {
            if case .category = signal { return true }
            return false
        }
    }

    /// The name side of `path` for `vendor` (memoised by path without indices).
    package func name(path: String, vendor: String?) -> Name {
        let (field, signal) = names.lookup(path: path, vendor: vendor) { FieldName(path: path) }
        return Name(field: field, signal: signal)
    }

    package func classify(path: String, value: String, vendor: String?, location: FieldLocation?) -> Classification {
        classify(name: name(path: path, vendor: vendor), value: value, location: location)
    }

    package func classify(name parsed: Name, value: String, location: FieldLocation?) -> Classification {
        classify(name: parsed, bytes: Array(value.utf8)[...], location: location)
    }

    /// `category` checked against the value, as when the name says it: for a meaning documented
    /// elsewhere (a vendor's catalog). Nil when the value does not fit (placeholders, test ids, wrong
    /// shape); the result may name a more precise category (an e-mail in an id field, a hash).
    package func confirm(documented category: PIICategory, name parsed: Name, bytes: ArraySlice<UInt8>) -> Classification? {
        let v = ByteClass.trimmed(bytes)
        guard !v.isEmpty, v.count <= 65_536, let c = confirm(category, v, name: parsed.field), c.category != .none else { return nil }
        return c
    }

    /// `classify` on the value's UTF-8 bytes (borrowed).
    package func classify(name parsed: Name, bytes: ArraySlice<UInt8>, location: FieldLocation?) -> Classification {
        let name = parsed.field, signal = parsed.signal
        let v = ByteClass.trimmed(bytes)
        if location == .header { return classifyHeader(name: name.last.key, v) }
        if v.isEmpty || v.count > 65_536 { return .notPersonal }
        switch signal {
        case .category(let c):
            if let r = confirm(c, v, name: name) { return r }
            return strongValueOnly(v) ?? Classification(category: .none, confidence: 0.6)
        case .text:
            return textSearch(v) ?? .notPersonal
        case .negative:
            if let e = wholeEmail(v), !Self.isRoleName(name) { return e }
            return .notPersonal
        case .unknown:
            return valueOnly(v) ?? Classification(category: .none, confidence: 0.7)
        }
    }

    // MARK: name

    private static let roleTokens: Set<String> = ["store", "merchant", "support", "shop", "company", "business", "seller",
                                                  "vendor", "noreply", "helpdesk", "hotline", "service", "organization",
                                                  "organisation"]

    static func isRoleName(_ name: FieldName) -> Bool {
        name.components.contains { c in c.tokens.contains(where: roleTokens.contains) }
    }

    /// Short keys whose meaning belongs to one vendor's schema: with another known vendor they
    /// say nothing (the value decides). Vendor ids as in the catalog (`adobe_analytics`, ...).
    private static let vendorKeys: [String: [String]] = [
        "mid": ["adobe"], "aid": ["adobe"], "vid": ["adobe"], "ecid": ["adobe"], "mcmid": ["adobe"],
        "bundle": ["criteo"], "callback": ["tiktok"], "ttp": ["tiktok"], "hutk": ["hubspot"],
        "cid": ["google", "ga4", "custom"], "uid": ["google", "ga4", "custom"], "uip": ["google", "ga4"],
        "ga": ["google", "ga4"], "sccookie1": ["snap"], "muid": ["microsoft", "bing"],
    ]

    static func signal(_ name: FieldName, vendor: String? = nil) -> NameSignal {
        let s = signal(name)
        if let vendor, case .category = s, let owners = vendorKeys[name.last.key],
           !owners.contains(where: { vendor.lowercased().contains($0) }) {
            return .unknown
        }
        return s
    }

    static func signal(_ name: FieldName) -> NameSignal {
        let key = name.last.key
        let tokens = name.last.tokens
        let parentKey = name.parent?.key ?? ""
        if NameLexicon.textKeys.contains(key) { return .text }
        if NameLexicon.userDataParents.contains(parentKey), let c = NameLexicon.userDataKeys[key] { return .category(c) }
        // Nearest ancestor decides between a person object and a thing object. A JSON:API resource
        // (`metric.data.attributes`, `profile.data.attributes`) is decided by the key above its `data`.
        let ancestors = name.ancestorKeys
        var i = ancestors.count - 1
        while i >= 0 {
            let a = ancestors[i]
            if a == "attributes", i >= 2, ancestors[i - 1] == "data" { i -= 2; continue }
            if NameLexicon.personParents.contains(a) { break }
            if NameLexicon.thingParents.contains(a) { return .negative }
            i -= 1
        }
        if isRoleName(name) { return .negative }
        if key == "name" {
            return NameLexicon.personParents.contains(parentKey) ? .category(.name_full) : .negative
        }
        if key == "id" {
            return NameLexicon.personParents.contains(parentKey) ? .category(.user_id) : .negative
        }
        if key == "idvalue" { return .category(.click_id) }   // LinkedIn userIds[]: checked by value
        if let c = NameLexicon.exact[key] { return .category(c) }
        let t = Set(tokens)
        let emailish = t.contains("email") || t.contains("mail") || t.contains("courriel") || t.contains("correo")
        let phoneish = t.contains("phone") || t.contains("tel") || t.contains("mobile") || t.contains("telefono")
            || t.contains("telephone") || t.contains("telefon")
        let hashish = t.contains("sha256") || t.contains("hashed") || t.contains("hash") || t.contains("sha")
        if hashish && emailish { return .category(.email_sha256) }
        if hashish && phoneish { return .category(.phone_sha256) }
        if !t.isDisjoint(with: NameLexicon.negativeTokens) { return .negative }
        if let last = tokens.last, ["id", "ids", "uuid", "identifier", "guid", "key"].contains(last) {
            if tokens.contains(where: NameLexicon.thingIDTokens.contains) { return .negative }
            if !t.isDisjoint(with: ["device", "advertising", "idfa", "gaid", "android", "hardware"]) { return .category(.device_id) }
            if !t.isDisjoint(with: ["anonymous", "visitor", "client", "browser", "cookie", "distinct", "anon"]) { return .category(.cookie_id) }
            if t.contains("click") { return .category(.click_id) }
            if !t.isDisjoint(with: ["user", "customer", "account", "member", "external", "profile", "person", "subscriber", "contact", "login"]) {
                return .category(.user_id)
            }
        }
        if emailish { return .category(.email) }
        if phoneish { return .category(.phone) }
        if t.contains("name") {
            if !t.isDisjoint(with: ["first", "given", "fore"]) { return .category(.name_first) }
            if !t.isDisjoint(with: ["last", "family", "sur"]) { return .category(.name_last) }
            if !t.isDisjoint(with: ["full", "display", "customer", "holder", "contact", "billing", "shipping", "recipient", "real", "person", "user"]) {
                return .category(.name_full)
            }
            return .negative
        }
        if !t.isDisjoint(with: ["birth", "dob", "bday", "birthday", "birthdate"]) { return .category(.date_of_birth) }
        if t.contains("gender") || t.contains("sex") { return .category(.gender) }
        if !t.isDisjoint(with: ["zip", "postal", "postcode", "plz"]) { return .category(.postal_code) }
        if t.contains("ip") || t.contains("ipv4") || t.contains("ipv6") { return .category(.ip_address) }
        if t.contains("agent") && t.contains("user") { return .category(.user_agent) }
        if t.contains("city") || t.contains("town") { return .category(.city) }
        if t.contains("street") || (t.contains("address") && t.isDisjoint(with: ["mac", "server", "host", "web", "wallet", "contract"])) {
            return .category(.street_address)
        }
        if t.contains("country") { return .category(.country) }
        if !t.isDisjoint(with: ["region", "province"]) || (t.contains("state") && t.isSubset(of: NameLexicon.stateQualifiers)) {
            return .category(.region)
        }
        if !t.isDisjoint(with: ["lat", "latitude", "lng", "lon", "longitude", "geo"]) { return .category(.geolocation) }
        if t.contains("iban") { return .category(.iban) }
        if (t.contains("card") && (t.contains("number") || t.contains("credit"))) { return .category(.credit_card) }
        if !t.isDisjoint(with: ["ssn", "passport", "national", "tax", "cpf", "bsn", "nino", "aadhaar", "document"])
            && !t.isDisjoint(with: ["id", "number", "no", "nr", "ssn", "cpf", "bsn", "nino", "code"]) {
            return .category(.national_id)
        }
        if name.components.count == 1, NameLexicon.protocolKeys.contains(key) { return .negative }
        return .unknown
    }

    // MARK: name says a category: check the value

    private func confirm(_ c: PIICategory, _ v: ArraySlice<UInt8>, name: FieldName) -> Classification? {
        let hash = Validators.hashKind(v)
        switch c {
        case .email, .email_sha256:
            if let h = hash { return Classification(category: h == .sha256 ? .email_sha256 : .email, confidence: 0.95, hashed: h) }
            if let e = wholeEmail(v) { return e }
            if let (local, _) = Validators.findEmail(v) {
                return Validators.isRoleLocalPart(local) ? nil : Classification(category: .email, confidence: 0.8)
            }
            return nil
        case .phone, .phone_sha256:
            if let h = hash { return Classification(category: h == .sha256 ? .phone_sha256 : .phone, confidence: 0.95, hashed: h) }
            if PhoneNumbers.isPhone(v, lenient: true) { return Classification(category: .phone, confidence: 0.9) }
            if PhoneNumbers.containsPhone(v) { return Classification(category: .phone, confidence: 0.75) }
            return nil
        case .name_first, .name_last, .name_full:
            if let h = hash { return Classification(category: c, confidence: 0.85, hashed: h) }
            return Self.plausibleName(v) ? Classification(category: c, confidence: 0.85) : nil
        case .street_address:
            if let h = hash { return Classification(category: c, confidence: 0.8, hashed: h) }
            return v.count >= 3 && v.contains(where: { ByteClass.isAlpha($0) || $0 >= 0x80 }) && !v.contains(64)
                ? Classification(category: c, confidence: 0.85) : nil
        case .city, .region, .country:
            if let h = hash { return Classification(category: c, confidence: 0.8, hashed: h) }
            guard v.count >= 2 || c == .region, !v.contains(where: ByteClass.isDigit), !v.contains(64),
                  v.contains(where: { ByteClass.isAlpha($0) || $0 >= 0x80 }), !Self.isBooleanish(v) else { return nil }
            if c == .country, v.count > 60 { return nil }
            return Classification(category: c, confidence: 0.85)
        case .postal_code:
            if let h = hash { return Classification(category: c, confidence: 0.8, hashed: h) }
            guard (3...10).contains(v.count), v.contains(where: ByteClass.isDigit),
                  v.allSatisfy({ ByteClass.isAlnum($0) || $0 == 32 || $0 == 45 }) else { return nil }
            return Classification(category: c, confidence: 0.9)
        case .date_of_birth:
            if let h = hash { return Classification(category: c, confidence: 0.8, hashed: h) }
            return Validators.date(v) != nil || Validators.birthDateOnly(v) ? Classification(category: c, confidence: 0.9) : nil
        case .gender:
            if let h = hash { return Classification(category: c, confidence: 0.8, hashed: h) }
            return Self.isGenderValue(v, allowLetters: true) ? Classification(category: c, confidence: 0.9) : nil
        case .ip_address:
            if let a = Validators.ipv4(v) {
                return Classification(category: c, confidence: Validators.isNonPublicIPv4(a) ? 0.6 : 0.95)
            }
            return Validators.ipv6(v) ? Classification(category: c, confidence: 0.95) : nil
        case .user_agent:
            if Validators.isUserAgent(v) { return Classification(category: c, confidence: 0.95) }
            return v.count >= 8 && v.contains(47) ? Classification(category: c, confidence: 0.7) : nil
        case .user_id, .device_id, .cookie_id, .click_id:
            if let e = wholeEmail(v) { return e }
            if Self.isBooleanish(v) || v.count < 2 || v.contains(32) || Self.isPlaceholder(v) { return nil }
            if name.last.key == "idvalue" {   // LinkedIn CAPI: SHA256_EMAIL or first-party tracking UUID
                if hash == .sha256 { return Classification(category: .email_sha256, confidence: 0.8, hashed: .sha256) }
                return Validators.uuid(v).valid ? Classification(category: .click_id, confidence: 0.7) : nil
            }
            let format = IdentifierFormats.kind(v)
            if let k = format {
                let fc = IdentifierFormats.category(k)
                if fc == .click_id || c == .click_id { return Classification(category: fc, confidence: 0.95) }
                // A browser id field (Mixpanel distinct_id...) that carries the identified user's id.
                if c == .cookie_id, fc == .user_id { return Classification(category: .user_id, confidence: 0.8) }
            } else if c == .cookie_id, IdentifierFormats.isPrefixedRecordNumber(v) {
                return Classification(category: .user_id, confidence: 0.8)   // a CRM record number, not a browser's
            }
            // Numeric dotted cookie ids must have the real shape (`555.1718000000` is a placeholder).
            if c == .cookie_id, format == nil, v.contains(46), v.allSatisfy({ ByteClass.isDigit($0) || $0 == 46 }) { return nil }
            if c != .user_id && v.count < 6 { return nil }
            return Classification(category: c, confidence: 0.85, hashed: c == .user_id ? hash : nil)
        case .geolocation:
            if Validators.isCoordinatePair(v) || Validators.isCoordinate(v) { return Classification(category: c, confidence: 0.9) }
            if let d = Validators.decimal(v), abs(d.value) <= 180 { return Classification(category: c, confidence: 0.7) }
            return nil
        case .credit_card:
            guard let cd = Validators.cardDigits(v) else { return nil }
            return Classification(category: c, confidence: Validators.luhn(cd.digits) ? 0.95 : 0.6)
        case .iban:
            if Validators.isIBAN(v) { return Classification(category: c, confidence: 0.95) }
            let compact = v.filter { $0 != 32 }
            return compact.count >= 15 && compact.count <= 34 && ByteClass.isAlpha(compact[0]) && compact.allSatisfy(ByteClass.isAlnum)
                ? Classification(category: c, confidence: 0.6) : nil
        case .national_id:
            if NationalIDs.kind(v) != nil { return Classification(category: c, confidence: 0.95) }
            let digits = v.filter(ByteClass.isDigit).count
            return digits >= 5 && v.count <= 24 && v.allSatisfy({ ByteClass.isAlnum($0) || $0 == 32 || $0 == 45 || $0 == 46 || $0 == 47 })
                ? Classification(category: c, confidence: 0.7) : nil
        case .none:
            return nil
        }
    }

    // MARK: value only

    private func wholeEmail(_ v: ArraySlice<UInt8>) -> Classification? {
        if let decoded = ByteClass.percentDecoded(v) { return wholeEmailDecoded(decoded[...]) }
        return wholeEmailDecoded(v)
    }

    private func wholeEmailDecoded(_ candidate: ArraySlice<UInt8>) -> Classification? {
        guard let at = candidate.firstIndex(of: 64), Validators.isEmail(candidate) else { return nil }
        if Validators.isRoleLocalPart(candidate[..<at]) { return Classification(category: .none, confidence: 0.6) }
        return Classification(category: .email, confidence: 0.95)
    }

    private func textSearch(_ v: ArraySlice<UInt8>) -> Classification? {
        if let (local, _) = Validators.findEmail(v) {
            return Validators.isRoleLocalPart(local) ? nil : Classification(category: .email, confidence: 0.85)
        }
        if PhoneNumbers.containsPhone(v) { return Classification(category: .phone, confidence: 0.7) }
        if Self.isPlusPhone(v) { return Classification(category: .phone, confidence: 0.55) }
        return nil
    }

    /// A whole value of `+` and a known country code: a phone even off its country's plan (`+91 0407267430`,
    /// a trunk 0 left in); nothing else is written that way at this length.
    private static func isPlusPhone(_ v: ArraySlice<UInt8>) -> Bool {
        v.first == UInt8(ascii: "+") && v.count >= 11 && PhoneNumbers.isPhone(v, lenient: true)
    }

    /// Detectors that are specific enough to win over a name that said something else.
    private func strongValueOnly(_ v: ArraySlice<UInt8>) -> Classification? {
        if let e = wholeEmail(v) { return e.category == .none ? nil : e }
        if Validators.isUserAgent(v) { return Classification(category: .user_agent, confidence: 0.8) }
        return nil
    }

    private func valueOnly(_ v: ArraySlice<UInt8>) -> Classification? {
        if let e = wholeEmail(v) { return e }
        if v.contains(64) || ByteClass.contains(v, "%40"), let t = textSearch(v), t.category == .email { return t }
        if Validators.isUserAgent(v) { return Classification(category: .user_agent, confidence: 0.9) }
        if let a = Validators.ipv4(v) {
            return Classification(category: .ip_address, confidence: Validators.isNonPublicIPv4(a) ? 0.5 : 0.8)
        }
        if Validators.ipv6(v) { return Classification(category: .ip_address, confidence: 0.85) }
        if let k = IdentifierFormats.kind(v) { return Classification(category: IdentifierFormats.category(k), confidence: 0.8) }
        if Validators.isCoordinatePair(v) { return Classification(category: .geolocation, confidence: 0.85) }
        if Validators.isIBAN(v) { return Classification(category: .iban, confidence: 0.85) }
        if let cd = Validators.cardDigits(v), Validators.luhn(cd.digits), cd.grouped || Validators.cardBrandFits(cd.digits) {
            return Classification(category: .credit_card, confidence: cd.grouped ? 0.85 : 0.4)
        }
        if let k = NationalIDs.kind(v), k != .sePersonnummer, k != .deSteuerID {
            return Classification(category: .national_id, confidence: 0.7)
        }
        if Validators.isPostalCodeShape(v) { return Classification(category: .postal_code, confidence: 0.45) }
        if PhoneNumbers.isInternationalWithoutPlus(v) { return Classification(category: .phone, confidence: 0.4) }
        if Validators.date(v) == nil, Validators.decimal(v) == nil, PhoneNumbers.isPhone(v, lenient: false) {
            return Classification(category: .phone, confidence: 0.75)
        }
        if Self.isPlusPhone(v) { return Classification(category: .phone, confidence: 0.55) }
        if v.contains(where: ByteClass.isAlpha), v.contains(32), PhoneNumbers.containsPhone(v) {
            return Classification(category: .phone, confidence: 0.6)
        }
        if let d = Validators.date(v) {
            // Transaction, delivery and publication dates are recent; birth dates are not.
            return d.year < 2010 ? Classification(category: .date_of_birth, confidence: 0.5) : nil
        }
        if let d = Validators.decimal(v), d.fraction >= 4, abs(d.value) >= 1, abs(d.value) <= 180 {
            return Classification(category: .geolocation, confidence: 0.35)
        }
        if let guess = Self.opaqueIdentifierGuess(v) { return guess }
        if Self.looksLikeStreet(v) { return Classification(category: .street_address, confidence: 0.55) }
        // What follows (place and gender words, capitalised names) never holds an ASCII digit.
        if v.contains(where: ByteClass.isDigit), !v.contains(where: { $0 >= 0x80 }) { return nil }
        let text = String(decoding: v, as: UTF8.self)
        let lower = text.lowercased()
        if let last = text.unicodeScalars.last, text.unicodeScalars.count <= 8 {
            // 県, 府, and 都/道 after a name (東京都, 北海道): prefectures.
            if "県府".unicodeScalars.contains(last) || ("都道".unicodeScalars.contains(last) && text.unicodeScalars.count >= 3) {
                return Classification(category: .region, confidence: 0.6)
            }
            // Two characters ending in 村 are a surname (木村, 中村), not a village.
            if "市区町村郡".unicodeScalars.contains(last), text.unicodeScalars.count >= 3 || last != "村" {
                return Classification(category: .city, confidence: 0.55)
            }
        }
        if Gazetteer.countryNames.contains(lower) { return Classification(category: .country, confidence: 0.7) }
        if v.count == 2, v.allSatisfy(ByteClass.isUpper), Gazetteer.countryCodes.contains(lower) {
            return Classification(category: .country, confidence: 0.5)
        }
        if Gazetteer.regions.contains(lower) { return Classification(category: .region, confidence: 0.55) }
        if Cities.all.contains(lower) { return Classification(category: .city, confidence: 0.45) }
        if Self.isGenderValue(v, allowLetters: false) { return Classification(category: .gender, confidence: 0.55) }
        if v.count == 1, [UInt8(ascii: "F"), UInt8(ascii: "f"), UInt8(ascii: "M"), UInt8(ascii: "m"), UInt8(ascii: "W"), UInt8(ascii: "w")].contains(v[v.startIndex]) {
            return Classification(category: .gender, confidence: 0.3)
        }
        if v.contains(where: { $0 >= 0xE3 }), let name = Self.japaneseName(text) { return name }   // kana and kanji start at E3
        // Capitalised words need an upper-case letter (ASCII values without one are not names).
        if !v.contains(where: { ByteClass.isUpper($0) || $0 >= 0x80 }) { return nil }
        if let words = Self.capitalisedWords(text) {
            // Capitalised words under an opaque key of a tracker payload: most often a person's name.
            // Weak (0.3): one word cannot tell a first name from a last name or a town.
            let parts = text.lowercased().split(separator: " ").map(String.init)
            if parts.allSatisfy(GivenNames.all.contains) { return Classification(category: .name_first, confidence: 0.35) }
            if Gazetteer.looksLikePlace(parts) { return Classification(category: .city, confidence: 0.4) }
            return Classification(category: words >= 2 ? .name_full : .name_last, confidence: 0.3)
        }
        return nil
    }

    /// A Japanese name under an opaque key, by its script and shape (weak, like capitalised words):
    /// two to four kanji are a surname (佐藤, 渡辺), or a given name when the last kanji is a usual
    /// given-name ending (桃子, 和也, 拓真); one kanji alone is a given name (晃, 稔: surnames have two
    /// or more); two to four hiragana, or kana before a given-name ending (くみ子), are a given name;
    /// surname and given name with a space between are a full name. Place names (県, 市, 区...) and
    /// gender words (男, 女) are decided before.
    static func japaneseName(_ text: String) -> Classification? {
        let parts = text.split(separator: " ")
        guard (1...2).contains(parts.count) else { return nil }
        func isKanji(_ u: Unicode.Scalar) -> Bool { (0x4E00...0x9FFF).contains(u.value) || u == "々" }
        func isHiragana(_ u: Unicode.Scalar) -> Bool { (0x3041...0x309F).contains(u.value) }
        func kanji(_ s: Substring) -> Bool { s.unicodeScalars.allSatisfy(isKanji) }
        func hiragana(_ s: Substring) -> Bool { s.unicodeScalars.allSatisfy(isHiragana) }
        for p in parts where !(1...4).contains(p.unicodeScalars.count) || !p.unicodeScalars.allSatisfy({ isKanji($0) || isHiragana($0) }) {
            return nil
        }
        if parts.count == 2 {
            return kanji(parts[0]) && (kanji(parts[1]) || hiragana(parts[1])) ? Classification(category: .name_full, confidence: 0.35) : nil
        }
        let word = parts[0]
        if word.unicodeScalars.count == 1 {
            return kanji(word) ? Classification(category: .name_first, confidence: 0.3) : nil
        }
        if hiragana(word) { return Classification(category: .name_first, confidence: 0.35) }
        guard let last = word.unicodeScalars.last, isKanji(last) else { return nil }
        if givenNameEndings.unicodeScalars.contains(last) {
            return Classification(category: .name_first, confidence: 0.35)
        }
        // Kana, then kanji: only a given name is written so (surnames are all kanji).
        return kanji(word) ? Classification(category: .name_last, confidence: 0.3) : nil
    }

    /// Last kanji of many Japanese given names (子 美 恵 香 奈 代 江 希 紀 実 音 穂 咲: women's; 郎 也 介 太 樹
    /// 斗 翔 平 彦 男 夫 雄 輔 哉 人 一 真 輝: men's).
    private static let givenNameEndings = "子美恵香奈代江枝乃菜花織希紀実音穂咲郎也介太樹斗翔平彦男夫雄輔哉一真輝"

    /// Priors for random-looking tokens under opaque keys, by the shape of common identifiers:
    /// 64/40 hex = a hashed identifier (hashed e-mail is by far the most common), 32 hex = an
    /// md5-sized click id (msclkid style), 24 hex = a database object id used as user id, 16 hex =
    /// an Android ID, UUID = an anonymous/browser id (IDFA/IDFV style upper-case UUID = device),
    /// 5-6 digits = a postal code, 7-8 digits = a numeric account id. Low confidence by design.
    static func opaqueIdentifierGuess(_ v: ArraySlice<UInt8>) -> Classification? {
        if isPlaceholder(v) { return nil }
        let u = Validators.uuid(v)
        if u.valid { return Classification(category: u.upper ? .device_id : .cookie_id, confidence: u.upper ? 0.45 : 0.3) }
        if v.allSatisfy(ByteClass.isHex), v.contains(where: { !ByteClass.isDigit($0) }) {
            switch v.count {
            case 64: return Classification(category: .email_sha256, confidence: 0.35, hashed: .sha256)
            case 32: return Classification(category: .click_id, confidence: 0.3)
            case 24: return Classification(category: .user_id, confidence: 0.3)
            case 16: return Classification(category: .device_id, confidence: 0.4)
            default: break
            }
        }
        if v.allSatisfy(ByteClass.isDigit) {
            switch v.count {
            case 5, 6: return Classification(category: .postal_code, confidence: 0.3)
            case 7, 8: return Classification(category: .user_id, confidence: 0.3)
            default: break
            }
        }
        return nil
    }

    /// Words that are tracking vocabulary, not people (event names, platforms, sizes).
    private static let commonWords: Set<String> = [
        "search", "purchase", "lead", "view", "click", "page", "home", "checkout", "cart", "product", "products",
        "signup", "login", "logout", "register", "subscribe", "contact", "edge", "chrome", "safari", "firefox",
        "opera", "windows", "android", "ios", "linux", "macos", "mobile", "desktop", "tablet", "web", "app",
        "unisex", "men", "women", "kids", "sale", "new", "default", "test", "unknown", "other", "organic",
        "direct", "email", "social", "referral", "paid", "true", "false", "none", "null", "yes", "no", "ok",
        "small", "medium", "large", "black", "white", "red", "blue", "green", "grey", "gray", "free", "standard",
        "express", "premium", "basic", "gold", "silver", "monthly", "yearly", "annual", "trial", "active",
    ]

    /// Number of capitalised words when the value is 1...5 words (a leading title such as `Dr.` not
    /// counted), each starting with an upper-case letter and made of letters (any script with case),
    /// hyphens, apostrophes or dots, or a lower-case name particle or place connector; else nil.
    static func capitalisedWords(_ text: String) -> Int? {
        var words = text.split(separator: " ")
        // A title before a name is not part of it (`Dr. Pedro Henrique da Costa`).
        if words.count >= 2, Self.titles.contains(words[0].lowercased()) { words.removeFirst() }
        guard (1...5).contains(words.count), text.count <= 60 else { return nil }
        var lowercaseParticles = 0
        for w in words {
            guard let f = w.first, w.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "'" || $0 == "." }) else { return nil }
            if !f.isUppercase {
                // name particles (de, van, der, da, du, von...) and place connectors (an, aan, sur...)
                if Self.nameParticles.contains(String(w)) || Gazetteer.placeConnectors.contains(String(w)) {
                    lowercaseParticles += 1
                    continue
                }
                return nil
            }
            if w.count >= 2, w.dropFirst().allSatisfy(\.isUppercase), words.count == 1 { return nil }   // acronyms
        }
        guard lowercaseParticles < words.count else { return nil }
        if words.count == 1, commonWords.contains(text.lowercased()) { return nil }
        // An everyday word that is also a place prefix (`New`) opens a town's name when what follows is a
        // town's shape or a given name (`New Oliviatown`, `New Anthony`), not a product's (`New Arrivals`).
        let townAfterPrefix = words.count >= 2 && Gazetteer.placePrefixes.contains(words[0].lowercased()) && {
            let rest = words.dropFirst().map { $0.lowercased() }
            return Gazetteer.looksLikePlace(rest) || GivenNames.all.contains(rest[0])
        }()
        if words.dropFirst(townAfterPrefix ? 1 : 0).contains(where: { commonWords.contains($0.lowercased()) }) { return nil }
        return words.count - lowercaseParticles
    }

    private static let nameParticles: Set<String> = [
        "de", "van", "der", "da", "di", "le", "la", "von", "del", "dos", "das", "den", "ten", "ter", "'t", "du", "des",
        "della", "dalla", "degli", "zu", "do", "e", "y",
    ]
    private static let titles: Set<String> = ["dr.", "dr", "prof.", "mr.", "mrs.", "ms.", "mr", "mrs", "ms", "sr.", "sra.", "herr", "frau", "mme", "m."]

    // MARK: headers

    private func classifyHeader(name: String, _ v: ArraySlice<UInt8>) -> Classification {
        switch name {
        case "useragent": return Validators.isUserAgent(v) || !v.isEmpty ? Classification(category: .user_agent, confidence: 0.9) : .notPersonal
        case "xforwardedfor", "xrealip", "forwarded", "trueclientip", "cfconnectingip", "xclientip":
            let first = v.split(whereSeparator: { $0 == 44 || $0 == 32 }).first ?? v[...]
            if Validators.ipv4(first) != nil || Validators.ipv6(first) { return Classification(category: .ip_address, confidence: 0.9) }
            return v.isEmpty ? .notPersonal : Classification(category: .ip_address, confidence: 0.6)
        default:
            return valueOnly(v) ?? .notPersonal
        }
    }

    // MARK: value shapes

    /// Test and placeholder ids: mostly zeros (`00000000-0000-4000-8000-000000000004`) or one
    /// repeated character (`xxxxxxxx`, `11111111`).
    static func isPlaceholder(_ v: ArraySlice<UInt8>) -> Bool {
        var alnum = 0, zeros = 0, distinct = false
        var first: UInt8?
        for b in v where ByteClass.isAlnum(b) {
            alnum += 1
            if b == 48 { zeros += 1 }
            let l = ByteClass.lower(b)
            if let f = first { if f != l { distinct = true } } else { first = l }
        }
        guard alnum >= 6 else { return false }
        return zeros * 4 >= alnum * 3 || !distinct
    }

    private static let booleanWords: Set<String> = ["true", "false", "yes", "no", "null", "undefined", "none", "n/a", "t", "0",
                                                    "1", "granted", "denied", "on", "off"]

    /// Which ASCII bytes start one of `booleanWords`: an ASCII value starting otherwise is none of them.
    private static let booleanInitials: [Bool] = (0..<128).map { b in booleanWords.contains { $0.utf8.first == UInt8(b) } }

    static func isBooleanish(_ v: ArraySlice<UInt8>) -> Bool {
        guard v.count <= 9, let first = v.first else { return false }   // "" is not one of the words
        if first < 0x80, !booleanInitials[Int(ByteClass.lower(first))] { return false }
        return booleanWords.contains(String(decoding: v, as: UTF8.self).lowercased())
    }

    static func plausibleName(_ v: ArraySlice<UInt8>) -> Bool {
        guard (1...80).contains(v.count), !v.contains(where: ByteClass.isDigit), !v.contains(64), !v.contains(47) else { return false }
        guard v.contains(where: { ByteClass.isAlpha($0) || $0 >= 0x80 }), !isBooleanish(v) else { return false }
        return v.filter({ $0 == 32 }).count <= 6
    }

    static func isGenderValue(_ v: ArraySlice<UInt8>, allowLetters: Bool) -> Bool {
        let s = String(decoding: v, as: UTF8.self).lowercased()
        if Gazetteer.genderWords.contains(s) { return true }
        guard allowLetters else { return false }
        return ["m", "f", "w", "d", "x", "u", "n", "0", "1", "2", "9", "h"].contains(s)
    }

    static func looksLikeStreet(_ v: ArraySlice<UInt8>) -> Bool {
        guard v.count >= 5, v.count <= 120, !v.contains(64), !v.contains(47) || v.contains(32) else { return false }
        if v.contains(where: { $0 >= 0x80 }) {
            let text = String(decoding: v, as: UTF8.self)
            if text.contains("丁目") || (text.contains("番") && text.hasSuffix("号")) { return true }
        }
        guard v.contains(where: ByteClass.isAlpha), v.contains(where: { $0 == 32 || $0 == 10 || $0 == 44 }) else { return false }
        let written = String(decoding: v, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," })
        let words = written.map { $0.lowercased() }
        guard words.count >= 2 else { return false }
        // `rue Aubert`, `Viela Lima`: a leading street type and a capitalised name, with or without a number.
        if Gazetteer.leadingStreetTypes.contains(words[0]) {
            // The name after the type, past particles (`Trevo de Macedo`, `Favela de da Costa`).
            if let name = written.dropFirst().first(where: { !Self.nameParticles.contains(String($0)) }),
               name.first?.isUppercase == true, !commonWords.contains(name.lowercased()) { return true }
        }
        guard v.contains(where: ByteClass.isDigit) else { return false }   // otherwise a number is needed
        for w in words {
            if Gazetteer.streetWords.contains(w) { return true }
            for suffix in Gazetteer.streetSuffixes where w.count > suffix.count + 2 && w.hasSuffix(suffix) { return true }
        }
        return false
    }
}

/// A bounded, thread-safe memo of `FieldName` parses and their `NameSignal`, keyed by the path
/// without index contents (`batch[3].traits.email` and `batch[0].traits.email` share an entry) and
/// the vendor. Cleared when it reaches `capacity` entries.
final class NameCache: @unchecked Sendable {
    private var entries: [String: (FieldName, NameSignal)] = [:]
    private let lock = NSLock()
    private let capacity = 8192

    func lookup(path: String, vendor: String?, parse: () -> FieldName) -> (FieldName, NameSignal) {
        // Numeric indices are dropped (`[3]` -> `[]`); bracketed names (`ud[em]`) are kept.
        var key: [UInt8] = []
        key.reserveCapacity(path.utf8.count + 16)
        var bracket: [UInt8]?
        for b in path.utf8 {
            if b == UInt8(ascii: "["), bracket == nil { bracket = []; continue }
            if b == UInt8(ascii: "]"), let inside = bracket {
                key.append(UInt8(ascii: "["))
                if !inside.allSatisfy({ $0 >= 48 && $0 <= 57 }) { key.append(contentsOf: inside) }
                key.append(b)
                bracket = nil
                continue
            }
            if bracket != nil { bracket!.append(b) } else { key.append(b) }
        }
        if let inside = bracket { key.append(UInt8(ascii: "[")); key.append(contentsOf: inside) }
        key.append(0)
        key.append(contentsOf: (vendor ?? "").utf8)
        let k = String(decoding: key, as: UTF8.self)
        lock.lock()
        if let hit = entries[k] { lock.unlock(); return hit }
        lock.unlock()
        let name = parse()
        let value = (name, FieldClassifier.signal(name, vendor: vendor))
        lock.lock()
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[k] = value
        lock.unlock()
        return value
    }
}
