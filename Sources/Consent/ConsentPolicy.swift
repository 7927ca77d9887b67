/// Which purposes each vendor category needs under each regime.
///
/// Categories are the catalog's vendor categories (`advertising_conversion`, `analytics`,
/// `cdp_pipeline`, `crm_marketing`, ...). Lookup: the exact name, then the part before the first
/// `_` (`advertising_conversion` -> `advertising`), then `default`. Under a regime with
/// `unknown: violation` (opt_in) a required purpose must be granted; with `unknown: allowed`
/// (opt_out) it must only not be denied.
///
/// Policy file (JSON; every part optional, merged over the embedded default per category):
/// ```
/// {"version": 1, "default_regime": "opt_in",
///  "regimes": {"opt_in":  {"unknown": "violation", "categories": {"advertising": ["advertising"]}},
///              "opt_out": {"unknown": "allowed",   "categories": {"advertising": ["advertising", "sale_share"]}}}}
/// ```
package struct ConsentPolicy: Equatable, Sendable {
    package struct RegimeRules: Equatable, Sendable {
        package var unknownIsViolation: Bool
        package var categories: [String: [ConsentPurpose]]
    }

    package var defaultRegime: ConsentRegime
    package var optIn: RegimeRules
    package var optOut: RegimeRules

    package func rules(_ regime: ConsentRegime) -> RegimeRules {
        switch regime {
        case .optIn: optIn
        case .optOut: optOut
        }
    }

    /// The purposes `category` needs under `regime`, and the policy key that matched.
    package func requiredPurposes(category: String, regime: ConsentRegime) -> (purposes: [ConsentPurpose], key: String?) {
        let table = rules(regime).categories
        if let p = table[category] { return (p, category) }
        if let head = category.split(separator: "_").first.map(String.init), let p = table[head] { return (p, head) }
        if let p = table["default"] { return (p, "default") }
        return ([], nil)
    }

    /// The built-in policy (see ConsentPolicy+Default.swift).
    package static let embeddedDefault: ConsentPolicy = {
        do { return try ConsentPolicy.parse(json: ConsentPolicy.defaultJSON, over: nil) } catch {
            preconditionFailure("embedded default policy does not parse: \(error)")
        }
    }()

    /// Parses a user policy and merges it over the embedded default.
    package static func parse(json: String) throws(ConsentDecodeError) -> ConsentPolicy {
        try parse(json: json, over: embeddedDefault)
    }

    private static func parse(json text: String, over base: ConsentPolicy?) throws(ConsentDecodeError) -> ConsentPolicy {
        guard case .object(let o) = try ConsentJSON.parse(text) else {
            throw ConsentDecodeError(.malformed, "policy must be a JSON object")
        }
        for k in o.keys where !["version", "default_regime", "regimes", "about"].contains(k) {
            throw ConsentDecodeError(.malformed, "policy: unknown key '\(k)'")
        }
        if let v = o["version"], v != .int(1) { throw ConsentDecodeError(.unsupportedVersion, "policy: version must be 1") }
        var regime = base?.defaultRegime ?? .optIn
        if let r = o["default_regime"] {
            guard let s = r.stringValue, let parsed = ConsentRegime(rawValue: s) else {
                throw ConsentDecodeError(.malformed, "policy: default_regime must be \"opt_in\" or \"opt_out\"")
            }
            regime = parsed
        }
        var optIn = base?.optIn ?? RegimeRules(unknownIsViolation: true, categories: [:])
        var optOut = base?.optOut ?? RegimeRules(unknownIsViolation: false, categories: [:])
        if let regimes = o["regimes"] {
            guard case .object(let ro) = regimes else { throw ConsentDecodeError(.malformed, "policy: regimes must be an object") }
            for (name, body) in ro {
                guard let r = ConsentRegime(rawValue: name) else {
                    throw ConsentDecodeError(.malformed, "policy: unknown regime '\(name)'")
                }
                if r == .optIn { try merge(body, into: &optIn, name: name) } else { try merge(body, into: &optOut, name: name) }
            }
        }
        return ConsentPolicy(defaultRegime: regime, optIn: optIn, optOut: optOut)
    }

    private static func merge(_ body: ConsentJSON, into rules: inout RegimeRules, name: String) throws(ConsentDecodeError) {
        guard case .object(let o) = body else { throw ConsentDecodeError(.malformed, "policy: \(name) must be an object") }
        if let u = o["unknown"] {
            switch u.stringValue {
            case "violation"?: rules.unknownIsViolation = true
            case "allowed"?: rules.unknownIsViolation = false
            default: throw ConsentDecodeError(.malformed, "policy: \(name).unknown must be \"violation\" or \"allowed\"")
            }
        }
        if let c = o["categories"] {
            guard case .object(let cats) = c else { throw ConsentDecodeError(.malformed, "policy: \(name).categories must be an object") }
            for (category, list) in cats {
                guard case .array(let items) = list else {
                    throw ConsentDecodeError(.malformed, "policy: \(name).categories.\(category) must be a list of purposes")
                }
                var purposes: [ConsentPurpose] = []
                for item in items {
                    guard let s = item.stringValue, let p = ConsentPurpose(rawValue: s) else {
                        throw ConsentDecodeError(.malformed, "policy: unknown purpose \(item.json) in \(name).categories.\(category)")
                    }
                    purposes.append(p)
                }
                rules.categories[category] = purposes
            }
        }
    }
}
