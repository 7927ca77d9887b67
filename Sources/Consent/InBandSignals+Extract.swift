extension InBandSignals {
    /// Extracts the in-band consent signals of one request (or one event of a batch).
    ///
    /// - `body`: the parsed JSON body (or event). Walked recursively (depth <= 16); string values
    ///   that are themselves JSON objects/arrays (Meta form `data=`) are parsed and walked.
    ///   Recognised keys: `consent.ad_user_data` / `adUserData`, `consent.ad_personalization` /
    ///   `adPersonalization` (GA4 MP, Google Ads, Data Manager), `categoryPreferences` (Segment),
    ///   `data_processing_options` (Meta), `limited_data_use` (TikTok), `gcs`, `gcd`.
    /// - `query`: decoded URL/form parameters; `gcs`, `gcd` are read.
    /// - `headers`: request headers; `Sec-GPC: 1` sets `gpc`.
    /// Several values for one signal combine to the most restrictive (denied beats granted). Values
    /// that do not decode are ignored.
    package static func extract(body: ConsentJSON?, query: [(name: String, value: String)] = [],
                                headers: [(name: String, value: String)] = []) -> InBandSignals {
        var s = InBandSignals()
        if let body { s.walk(body, key: nil, depth: 0) }
        for (name, value) in query { s.take(scalarKey: name, value: value) }
        for (name, value) in headers where name.lowercased() == "sec-gpc" {
            if value.trimmingWhitespace() == "1" { s.gpc = true }
        }
        return s
    }

    /// The keys `extract` reads in a body (nested JSON strings included).
    private static let bodyKeys: [[UInt8]] = [
        "gcs", "gcd", "ad_user_data", "adUserData", "ad_personalization", "adPersonalization", "categoryPreferences",
        "data_processing_options", "limited_data_use",
    ].map { Array($0.utf8) }

    /// False when a JSON body cannot carry a signal `extract` reads: none of its keys appears in the
    /// bytes and no `\u` escape could spell one. Lets callers skip parsing most bodies (the answer
    /// is the same: such a body gives no signal).
    package static func bodyMayCarrySignals(_ body: [UInt8]) -> Bool {
        body.withUnsafeBufferPointer { b in
            // One pass: only positions whose byte starts a key (or a backslash) are compared.
            for i in b.indices {
                switch b[i] {
                case UInt8(ascii: "\\"):
                    if i + 1 < b.count, b[i + 1] == UInt8(ascii: "u") { return true }
                case UInt8(ascii: "g"), UInt8(ascii: "a"), UInt8(ascii: "c"), UInt8(ascii: "d"), UInt8(ascii: "l"):
                    for key in bodyKeys where key[0] == b[i] && i + key.count <= b.count {
                        if key.indices.allSatisfy({ b[i + $0] == key[$0] }) { return true }
                    }
                default:
                    continue
                }
            }
            return false
        }
    }

    private mutating func walk(_ v: ConsentJSON, key: String?, depth: Int) {
        guard depth <= 16 else { return }
        switch v {
        case .object(let o):
            for (k, x) in o {
                switch k {
                case "categoryPreferences":
                    if case .object(let prefs) = x {
                        for (name, value) in prefs {
                            guard case .bool(let b) = value else { continue }
                            categoryPreferences[name] = (categoryPreferences[name] ?? true) && b
                        }
                    }
                case "data_processing_options":
                    if case .array(let items) = x {
                        let options = items.compactMap(\.stringValue)
                        dataProcessingOptions = (dataProcessingOptions ?? []) + options
                    }
                case "limited_data_use":
                    if case .bool(let b) = x { limitedDataUse = (limitedDataUse ?? false) || b }
                default:
                    walk(x, key: k, depth: depth + 1)
                }
            }
        case .array(let a):
            for x in a { walk(x, key: key, depth: depth + 1) }
        case .string(let text):
            let t = text.trimmingWhitespace()
            if (t.hasPrefix("{") || t.hasPrefix("[")) && t.utf8.count <= 1 << 20, let inner = try? ConsentJSON.parse(t) {
                walk(inner, key: key, depth: depth + 1)
            } else if let key {
                take(scalarKey: key, value: text)
            }
        case .null, .bool, .int, .double:
            break
        }
    }

    private mutating func take(scalarKey key: String, value: String) {
        switch key {
        case "ad_user_data", "adUserData":
            adUserData = InBandSignals.stricter(adUserData, InBandSignals.state(value))
        case "ad_personalization", "adPersonalization":
            adPersonalization = InBandSignals.stricter(adPersonalization, InBandSignals.state(value))
        case "gcs":
            if case .gcs(let g)? = ConsentSignalDecoder.decode(value, as: .gcs).signal { gcs = g }
        case "gcd":
            if case .gcd(let g)? = ConsentSignalDecoder.decode(value, as: .gcd).signal { gcd = g }
        default:
            break
        }
    }

    private static func stricter(_ a: ConsentModeState?, _ b: ConsentModeState?) -> ConsentModeState? {
        guard let a else { return b }
        guard let b else { return a }
        if a == .denied || b == .denied { return .denied }
        if a == .granted || b == .granted { return .granted }
        return .notSet
    }
}
