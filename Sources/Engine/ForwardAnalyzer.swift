import Primitives
import Catalog
import Payload
import Classify
import Consent

/// Settings of `analyze`.
package struct AnalyzeOptions: Sendable {
    package var catalog: VendorCatalog
    /// The user's own domains: requests to them (or their subdomains) are never third-party forwards.
    package var firstPartyDomains: [String] = []
    /// Key of the keyed hashes in outputs (HMAC-SHA-256).
    package var hashKey: [UInt8]
    /// Put raw values next to the masked ones (`raw_value`): only when the user asks for evidence.
    package var rawEvidence = false
    package var payloadLimits = PayloadLimits()
    /// Read the consent signals the payload carries (GA4 `consent`, `gcs`, LDU...): only needed for verdicts.
    package var extractInBandSignals = true

    package init(catalog: VendorCatalog, hashKey: [UInt8]) {
        self.catalog = catalog
        self.hashKey = hashKey
    }
}

/// Turns HTTP requests and undecrypted TLS connections into forwards: recognises the recipient
/// (catalog by Host/`:authority`, then SNI, then the name DNS gave the server's address, then an
/// `any_host` vendor's endpoint path), extracts every payload field and classifies it. Requests to
/// hosts that are neither in the catalog nor first-party count as forwards to vendor `unknown` when
/// they carry personal data in their URL, body or cookies. Pure: no I/O, no clock.
package struct ForwardAnalyzer: Sendable {
    package let options: AnalyzeOptions
    private let classifier = FieldClassifier()
    private let redactor: IdentifierRedactor
    private let valueHasher: HMACSHA256
    private let memo = AnalysisMemo()

    package init(options: AnalyzeOptions) {
        self.options = options
        redactor = IdentifierRedactor(key: options.hashKey)
        valueHasher = HMACSHA256(key: options.hashKey)
    }

    /// The forward carried by a request, or nil when it is not one.
    package func analyze(_ request: HTTPLogRecord, learnedHost: String?) -> ForwardRecord? {
        // A CONNECT only opens a tunnel; what goes through it is analysed as its own requests.
        if request.method == "CONNECT" { return nil }
        // Through a forward proxy the target is a whole URL, and its authority names the recipient.
        let target = ForwardAnalyzer.originForm(request.path)
        let (host, source) = target.authority.map { ($0, "target") } ?? recipientHost(request, learnedHost: learnedHost)
        let facts = host.map(hostFacts)
        if let facts, facts.isFirstParty { return nil }
        // The host's vendors first; then collectors run under their customers' names, known by path.
        let match = facts.flatMap { VendorCatalog.match(path: target.path, among: $0.vendors) }
            ?? options.catalog.match(anyHostPath: target.path)
        let vendor = match?.vendor
        let (path, query) = ForwardAnalyzer.splitTarget(target.path)
        let extraction = PayloadExtractor.extract(
            query: query, headers: { visit in request.headers.forEachBytes(visit) }, contentType: request.contentType,
            body: request.body, limits: options.payloadLimits, path: path)
        let classifierVendor = vendor.map { ClassifierVendorKey.key(forCatalogID: $0.id) }
        let known = memo.fields(vendor: vendor?.id ?? "")
        var subjects: [(key: Substring, ids: [SubjectIdentifier])] = []   // few per request: searched in order
        let arena = extraction.arena
        var classified: [(FieldArena.Field, Classification)] = []
        classified.reserveCapacity(arena.fields.count)
        let pairs = FieldPairs(arena)
        known.withEntries { known in
            for (i, field) in arena.fields.enumerated() {
                if let c = classify(field, in: arena, pairedPath: pairs.path(i, in: arena), vendor: vendor,
                                    classifierVendor: classifierVendor, known: &known) {
                    classified.append((field, c))
                }
            }
        }
        var findings: [PersonalDataFinding] = []
        findings.reserveCapacity(classified.count)
        for (field, c) in classified {
            // Only findings become text.
            let path = arena.pathText(field), value = arena.valueText(field)
            findings.append(PersonalDataFinding(
                location: field.location.rawValue, path: path, category: c.category, confidence: c.confidence,
                hashed: c.hashed, value: Redaction.mask(value, category: c.category),
                valueHash: arena.withValueBytes(field) { valueHasher.digest($0) },
                rawValue: options.rawEvidence ? value : nil))
            if let id = ForwardAnalyzer.subjectIdentifier(c.category, value: value) {
                let key = ForwardAnalyzer.subjectKey(path)
                if let last = subjects.indices.last, subjects[last].key == key {
                    subjects[last].ids.append(id)
                } else if let i = subjects.firstIndex(where: { $0.key == key }) {
                    subjects[i].ids.append(id)
                } else {
                    subjects.append((key, [id]))
                }
            }
        }
        if vendor == nil {
            // Discovery of undisclosed recipients: personal data in what the application chose to send.
            guard host != nil, findings.contains(where: { $0.location != FieldLocation.header.rawValue }) else { return nil }
        }
        let grouped = subjects.map(\.ids)
        var identifiers: [IdentifierFinding] = []
        var seen = DistinctElements<IdentifierFinding>()
        var redacted = DistinctElements<SubjectIdentifier>()   // batch events repeat their user's identifiers
        for id in grouped.joined() where redacted.insert(id) {
            let f = IdentifierFinding(kind: id.kind.rawValue, hash: redactor.redact(id))
            if seen.insert(f) { identifiers.append(f) }
        }
        let inBand = options.extractInBandSignals
            ? InBandSignals.extract(body: ForwardAnalyzer.consentBody(request), query: ForwardAnalyzer.queryPairs(query),
                                    headers: request.headers.map { (name: $0.name, value: $0.value) })
            : InBandSignals()
        return ForwardRecord(
            firstPacket: request.firstPacket, uid: request.uid, vendor: vendor?.id ?? "unknown",
            vendorName: vendor?.name ?? "Unknown third party", purpose: vendor?.purpose.rawValue,
            tcfVendorID: vendor?.tcfVendorID, endpointMatched: match?.endpointMatched ?? false,
            client: request.client, server: request.server, host: host, hostSource: source, method: request.method,
            path: ForwardAnalyzer.maskSecrets(path: path, query: query, secrets: vendor?.secrets ?? []),
            httpVersion: request.httpVersion, tls: request.tls, status: request.status, payloadVisible: true,
            personalData: findings, identifiers: identifiers, subjects: grouped, inBand: inBand, verdict: nil)
    }

    /// A forward whose payload is not visible: a TLS connection to a catalog vendor without keys.
    package func analyze(tls row: TLSLogRecord, learnedHost: String?) -> ForwardRecord? {
        guard !row.metadata.decrypted else { return nil }
        // The name: the SNI; else the name a proxy was asked for; else what DNS said of the server,
        // unless the server is a proxy (its own name is not the recipient's).
        let tunnelHost = row.tunnelTarget.flatMap(ForwardAnalyzer.tunnelHostName)
        let (host, source) = row.metadata.sni.map { ($0, "sni") } ?? tunnelHost.map { ($0, "tunnel") }
            ?? (row.tunnelTarget == nil ? learnedHost : nil, "dns")
        guard let host else { return nil }
        let facts = hostFacts(host)
        guard !facts.isFirstParty, let vendor = facts.vendors.first else { return nil }
        return ForwardRecord(
            firstPacket: row.firstPacket, uid: row.uid, vendor: vendor.id, vendorName: vendor.name,
            purpose: vendor.purpose.rawValue, tcfVendorID: vendor.tcfVendorID, endpointMatched: false,
            client: row.client, server: row.server, host: host, hostSource: source,
            method: nil, path: nil, httpVersion: nil,
            tls: TLSSummary(sni: row.metadata.sni, version: row.metadata.version, cipher: row.metadata.cipher,
                            alpn: row.metadata.alpn, decrypted: false),
            status: nil, payloadVisible: false, personalData: [], identifiers: [], subjects: [], inBand: InBandSignals(),
            verdict: nil)
    }

    package func isFirstParty(_ host: String) -> Bool { hostFacts(host).isFirstParty }

    // MARK: - Classification

    /// Host facts, computed once per distinct name.
    private func hostFacts(_ host: String) -> AnalysisMemo.HostFacts {
        if let known = memo.host(host) { return known }
        let normalised = VendorCatalog.normalise(host: host)
        let facts = AnalysisMemo.HostFacts(
            isAddress: IPAddress(normalised) != nil,
            isFirstParty: options.firstPartyDomains.contains { d in normalised == d || normalised.hasSuffix("." + d) },
            vendors: options.catalog.vendors(forHost: host))
        memo.remember(host: host, facts)
        return facts
    }

    /// `pairedPath`: the path under which to read a name/value pair's value (`FieldPairs`), if any.
    private func classify(_ field: FieldArena.Field, in arena: FieldArena, pairedPath: ArraySlice<UInt8>?, vendor: Vendor?,
                          classifierVendor: String?, known: inout AnalysisMemo.FieldTable.Entries) -> Classification? {
        let pathBytes = arena.path(field), valueBytes = arena.value(field)
        // A server's own User-Agent (an SDK or HTTP library) is not the user's; a relayed browser one is.
        if field.location == .header, pathBytes.elementsEqual("user-agent".utf8), !valueBytes.starts(with: "Mozilla/".utf8) {
            return nil
        }
        let facts: AnalysisMemo.FieldFacts
        if let pairedPath, let paired = pairedFacts(pairedPath, vendor: vendor, classifierVendor: classifierVendor, known: &known) {
            facts = paired
        } else if let hit = known.facts(pathBytes) {
            facts = hit
        } else {
            facts = newFacts(pathBytes, vendor: vendor, classifierVendor: classifierVendor)
            known.remember(pathBytes, facts)
        }
        var c = classifier.classify(name: facts.name, bytes: valueBytes, location: field.location)
        // A field the vendor documents as not personal (an event id) is reported only for contact data in it.
        if facts.documentedNotPersonal {
            return (c.category == .email || c.category == .phone) && c.confidence >= 0.9 ? c : nil
        }
        // The vendor's documented meaning refines a weak finding, and names a hash the classifier cannot
        // read (a bare SHA-256 could be anything); it never overrules a value the classifier rejected
        // (placeholders, test ids).
        if let category = facts.category {
            let hashed = facts.hashed
            if c.category != .none, c.confidence < 0.9 {
                c = Classification(category: category, confidence: 0.9, hashed: hashed ?? c.hashed)
            } else if c.category == .none, hashed != nil, let kind = Validators.hashKind(valueBytes) {
                c = Classification(category: category, confidence: 0.9, hashed: kind)
            } else if c.category == .none,
                      let confirmed = classifier.confirm(documented: category, name: facts.name, bytes: valueBytes) {
                // Nothing found from generic name knowledge and the value alone: the documented meaning,
                // if the value fits it. An identifier keeps the documented kind (a UUID can be any kind).
                let kind = Self.identifierKinds.contains(confirmed.category) && Self.identifierKinds.contains(category)
                    ? category : confirmed.category
                c = Classification(category: kind, confidence: max(confirmed.confidence, 0.9), hashed: confirmed.hashed)
            }
        }
        return c.category == .none ? nil : c
    }

    /// The facts of a pair's value read under the pair's name (memoised like a path), when that name
    /// or the vendor's documentation of it says something; nil leaves the value to its own key.
    private func pairedFacts(_ path: ArraySlice<UInt8>, vendor: Vendor?, classifierVendor: String?,
                             known: inout AnalysisMemo.FieldTable.Entries) -> AnalysisMemo.FieldFacts? {
        let facts: AnalysisMemo.FieldFacts
        if let hit = known.facts(path) {
            facts = hit
        } else {
            facts = newFacts(path, vendor: vendor, classifierVendor: classifierVendor)
            known.remember(path, facts)
        }
        return facts.category != nil || facts.documentedNotPersonal || facts.name.namesCategory ? facts : nil
    }

    /// The name facts of a field path: its parse and the vendor's documented meaning.
    private func newFacts(_ pathBytes: ArraySlice<UInt8>, vendor: Vendor?, classifierVendor: String?) -> AnalysisMemo.FieldFacts {
        let path = String(decoding: pathBytes, as: UTF8.self)
        return AnalysisMemo.FieldFacts(name: classifier.name(path: path, vendor: classifierVendor),
                                       semantic: vendor?.semantic(forFieldPath: path))
    }

    private static let identifierKinds: Set<PIICategory> = [.user_id, .device_id, .cookie_id, .click_id]

    // MARK: - Helpers

    private func recipientHost(_ r: HTTPLogRecord, learnedHost: String?) -> (String?, String) {
        if let h = r.host, !h.isEmpty, !hostFacts(h).isAddress { return (h, "host") }
        if let sni = r.tls?.sni, !sni.isEmpty { return (sni, "sni") }
        if let learnedHost { return (learnedHost, "dns") }
        return (r.host, "host")
    }

    /// The host name of a proxy tunnel's destination (`host:port`); nil for an address (not a name).
    static func tunnelHostName(_ target: String) -> String? {
        guard let colon = target.utf8.lastIndex(of: UInt8(ascii: ":")), !target.hasPrefix("[") else { return nil }
        let host = String(target[..<colon])
        return host.isEmpty || IPAddress(host) != nil ? nil : host
    }

    /// A request target in absolute form (`http://host:port/path?query`, RFC 9112 section 3.2.2, as
    /// sent to a forward proxy) split into its authority (without user info) and its origin form
    /// (`/path?query`); other targets come back whole, with no authority.
    static func originForm(_ target: String) -> (authority: String?, path: String) {
        let u = target.utf8
        guard u.first != UInt8(ascii: "/"), let colon = u.firstIndex(of: UInt8(ascii: ":")),
              u[colon...].starts(with: "://".utf8) else { return (nil, target) }
        let scheme = target[..<colon].lowercased()
        guard scheme == "http" || scheme == "https" else { return (nil, target) }
        let start = u.index(colon, offsetBy: 3)
        let end = u[start...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? u.endIndex
        var authority = target[start..<end]
        if let at = authority.utf8.lastIndex(of: UInt8(ascii: "@")) { authority = authority[authority.index(after: at)...] }
        guard !authority.isEmpty else { return (nil, target) }
        var rest = String(target[end...])
        if let hash = rest.utf8.firstIndex(of: UInt8(ascii: "#")) { rest = String(rest[..<hash]) }
        return (String(authority), rest.utf8.first == UInt8(ascii: "/") ? rest : "/" + rest)
    }

    static func splitTarget(_ target: String) -> (path: String, query: String?) {
        // An ASCII target is searched by byte; other text by character (a `?` followed by a combining
        // mark is not a `?` character).
        let ascii = target.utf8.allSatisfy { $0 < 0x80 }
        guard let q = ascii ? target.utf8.firstIndex(of: UInt8(ascii: "?")) : target.firstIndex(of: "?") else { return (target, nil) }
        return (String(target[..<q]), String(target[target.index(after: q)...]))
    }

    /// Query parameters whose names hold credentials (vendor-declared or generic) keep their name only.
    private static let genericSecrets: Set<String> = [
        "access_token", "api_secret", "apikey", "api_key", "token", "secret", "password", "key", "writekey", "write_key",
        "auth", "signature", "sig", "appsecret_proof", "client_secret", "private_key"]

    static func maskSecrets(path: String, query: String?, secrets: [String]) -> String {
        guard let query else { return path }
        if let masked = maskSecretsASCII(path: path, query: query, secrets: secrets) { return masked }
        let parts = query.split(separator: "&", omittingEmptySubsequences: false).map { part -> String in
            guard let eq = part.firstIndex(of: "=") else { return String(part) }
            let name = part[..<eq].lowercased()
            return genericSecrets.contains(name) || secrets.contains(where: { $0.lowercased() == name })
                ? String(part[...eq]) + "***" : String(part)
        }
        return path + "?" + parts.joined(separator: "&")
    }

    /// `maskSecrets` on the bytes of an ASCII query and ASCII secrets (names compared case-insensitively
    /// in place); nil for other text, which the general path handles.
    private static func maskSecretsASCII(path: String, query: String, secrets: [String]) -> String? {
        guard secrets.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) else { return nil }
        return query.utf8.withContiguousStorageIfAvailable { q -> String? in
            guard q.allSatisfy({ $0 < 0x80 }) else { return nil }
            let out = ByteBuffer(capacity: path.utf8.count + q.count + 16)
            out.append(utf8: path)
            out.append(UInt8(ascii: "?"))
            var i = 0
            while i <= q.count {
                var end = i, eq = -1
                while end < q.count, q[end] != UInt8(ascii: "&") {
                    if eq < 0, q[end] == UInt8(ascii: "=") { eq = end }
                    end += 1
                }
                if i > 0 { out.append(UInt8(ascii: "&")) }
                let name = UnsafeBufferPointer(rebasing: q[i..<(eq >= 0 ? eq : end)])
                let secret = eq >= 0 && (genericSecretBytes.contains(where: { $0.elementsEqual(name.lazy.map(\.asciiLowercased)) })
                    || secrets.contains(where: { $0.utf8.lazy.map(\.asciiLowercased).elementsEqual(name.lazy.map(\.asciiLowercased)) }))
                if secret {
                    out.append(UnsafeBufferPointer(rebasing: q[i...eq]))
                    out.append("***")
                } else {
                    out.append(UnsafeBufferPointer(rebasing: q[i..<end]))
                }
                i = end + 1
            }
            return out.text
        } ?? nil
    }

    private static let genericSecretBytes = genericSecrets.map { Array($0.utf8) }

    static func queryPairs(_ query: String?) -> [(name: String, value: String)] {
        guard let query else { return [] }
        return query.split(separator: "&").map { part in
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            var malformed = 0   // a malformed escape stays as written (WHATWG URL)
            let value = kv.count > 1 ? FormDecoding.percentDecode(Array(kv[1].utf8)[...], plusIsSpace: true, malformed: &malformed) : ""
            return (name: String(kv[0]), value: value)
        }
    }

    /// The body as the in-band signal reader takes it: a JSON body parsed, a form body as an object of
    /// its parameters (a JSON value in one, such as Meta's `data=[...]`, is read as JSON by the reader).
    static func consentBody(_ r: HTTPLogRecord) -> ConsentJSON? {
        guard r.body.count <= 4 << 20, let first = r.body.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
              InBandSignals.bodyMayCarrySignals(r.body) else { return nil }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            return try? ConsentJSON.parse(String(decoding: r.body, as: UTF8.self))
        }
        guard r.contentType?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true else { return nil }
        var members: [String: ConsentJSON] = [:]
        for (name, value) in queryPairs(String(decoding: r.body, as: UTF8.self)) { members[name] = .string(value) }
        return .object(members)
    }

    /// The batch item a field belongs to (`batch[3]`, `data[0]`), or "" for the request as a whole.
    static func subjectKey(_ path: String) -> Substring {
        let u = path.utf8
        guard let open = u.firstIndex(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "#") }),
              u[open] == UInt8(ascii: "["), let close = u[open...].firstIndex(of: UInt8(ascii: "]")) else { return "" }
        return path[...close]
    }

    /// Digits (any script) and dots only; ASCII text is checked on its bytes.
    static func isDigitsAndDots(_ v: String) -> Bool {
        if v.utf8.allSatisfy({ $0 < 0x80 }) { return v.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == 46 } }
        return v.allSatisfy { $0.isNumber || $0 == "." }
    }

    /// The consent-feed identifier a finding can be matched on, if any.
    static func subjectIdentifier(_ category: PIICategory, value: String) -> SubjectIdentifier? {
        let v = value.trimmingWhitespaceCharacters()
        guard !v.isEmpty else { return nil }
        switch category {
        case .email: return SubjectIdentifier(.email, v)
        case .email_sha256: return SubjectIdentifier(.emailSHA256, v)
        case .phone: return SubjectIdentifier(.phone, v)
        case .phone_sha256: return SubjectIdentifier(.phoneSHA256, v)
        case .user_id: return SubjectIdentifier(.userId, v)
        case .device_id: return SubjectIdentifier(.deviceId, v)
        case .cookie_id:
            if v.hasPrefix("fb.") { return SubjectIdentifier(.fbp, v) }
            if v.hasPrefix("GA1.") || ForwardAnalyzer.isDigitsAndDots(v) { return SubjectIdentifier(.gaClientId, v) }
            return SubjectIdentifier(.anonymousId, v)
        default: return nil
        }
    }
}

/// The vendor names the classifier's field-name knowledge uses, from catalog ids.
enum ClassifierVendorKey {
    static let aliases: [String: String] = [
        "ga4_measurement_protocol": "google_ga4", "ga4_gtag_collect": "google_ga4", "ua_measurement_protocol": "google_ua",
        "google_ads_api_conversions": "google_ads", "google_data_manager_api": "google_ads",
        "tiktok_events_api": "tiktok", "snapchat_capi": "snapchat", "pinterest_capi": "pinterest",
        "linkedin_capi": "linkedin", "reddit_capi": "reddit", "x_conversions_api": "twitter",
        "microsoft_uet_capi": "microsoft_uet", "adobe": "adobe_analytics",
    ]

    static func key(forCatalogID id: String) -> String { aliases[id] ?? id }
}

/// The values seen so far, for the few identifiers of one request: a linear search while there are
/// at most 16 (no hashing of their strings), a set beyond.
struct DistinctElements<Element: Hashable> {
    private var few: [Element] = []
    private var many: Set<Element>? = nil

    /// Adds `e`; false when it was already there.
    mutating func insert(_ e: Element) -> Bool {
        if many != nil { return many!.insert(e).inserted }
        if few.contains(e) { return false }
        few.append(e)
        if few.count > 16 { many = Set(few); few = [] }
        return true
    }
}
