/// Formats of well-known tracking identifiers, from the vendors' public documentation.
package enum IdentifierFormats {
    package enum Kind: Sendable, Equatable {
        case metaBrowserID      // _fbp: fb.{subdomain index}.{creation ms}.{random}
        case metaClickID        // fbc: fb.{subdomain index}.{creation ms}.{fbclid}
        case gaClientID         // _ga / cid: {random}.{seconds} (optionally GA1.n. prefix)
        case googleConversionLinker // _gcl_au: 1.1.{random}.{seconds}
        case googleClickID      // gclid / dclid / wbraid / gbraid
        case tiktokClickID      // ttclid: E.C.P....
        case facebookClickID    // fbclid: IwAR... / IwY2...
        case mixpanelDeviceID   // $device:{uuid}
        case adobeECID          // 38-digit Experience Cloud ID
        case prefixedUserID     // usr_ / user_ / cus_ / acct_ / u- + id
    }

    package static func kind(_ b: ArraySlice<UInt8>) -> Kind? {
        guard b.count >= 8, !b.contains(32) else { return nil }
        if ByteClass.hasPrefix(b, "fb."), b.count > 20 {
            let parts = b.split(separator: 46, maxSplits: 3, omittingEmptySubsequences: false)
            guard parts.count == 4, parts[1].count == 1, parts[2].count == 13,
                  parts[2].allSatisfy(ByteClass.isDigit) else { return nil }
            return parts[3].allSatisfy(ByteClass.isDigit) ? .metaBrowserID : .metaClickID
        }
        if ByteClass.hasPrefix(b, "E.C.P.") { return .tiktokClickID }
        if ByteClass.hasPrefix(b, "$device:") { return .mixpanelDeviceID }
        let token = b.allSatisfy { ByteClass.isAlnum($0) || $0 == 45 || $0 == 95 }
        if token {
            if b.count >= 20, hasCasePrefix(b, "Cj0KCQ") || hasCasePrefix(b, "EAIaIQ") || hasCasePrefix(b, "CjwKCA")
                || hasCasePrefix(b, "0AAAAA") { return .googleClickID }
            if b.count >= 20, hasCasePrefix(b, "IwAR") || hasCasePrefix(b, "IwY") || hasCasePrefix(b, "IwZ") { return .facebookClickID }
        }
        if b.count == 38, b.allSatisfy(ByteClass.isDigit) { return .adobeECID }
        // GA client id: 8-10 digits . 10 digits (after an optional GA1.n. prefix).
        var s = b
        if ByteClass.hasPrefix(s, "GA1.") { s = s.dropFirst(4); if let d = s.firstIndex(of: 46) { s = s[(d + 1)...] } }
        guard s.allSatisfy({ ByteClass.isDigit($0) || $0 == 46 }) else { return prefixedUserID(b) }
        let parts = s.split(separator: 46, omittingEmptySubsequences: false)
        if parts.count == 2, (6...10).contains(parts[0].count), parts[1].count == 10,
           parts.allSatisfy({ $0.allSatisfy(ByteClass.isDigit) }) { return .gaClientID }
        if parts.count == 4, parts[0].elementsEqual("1".utf8), parts[1].elementsEqual("1".utf8), parts[3].count == 10,
           parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(ByteClass.isDigit) }) { return .googleConversionLinker }
        return prefixedUserID(b)
    }

    private static func prefixedUserID(_ b: ArraySlice<UInt8>) -> Kind? {
        for p in ["usr_", "user_", "cus_", "acct_", "u-"] where b.count > p.utf8.count + 4 && hasCasePrefix(b, p) {
            return .prefixedUserID
        }
        return nil
    }

    private static func hasCasePrefix(_ b: ArraySlice<UInt8>, _ p: String) -> Bool { b.starts(with: p.utf8) }

    /// The category each format implies.
    package static func category(_ k: Kind) -> PIICategory {
        switch k {
        case .metaBrowserID, .gaClientID, .googleConversionLinker, .mixpanelDeviceID, .adobeECID: return .cookie_id
        case .metaClickID, .googleClickID, .tiktokClickID, .facebookClickID: return .click_id
        case .prefixedUserID: return .user_id
        }
    }
}
