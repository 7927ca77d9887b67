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
            // `fb.` subdomain-index `.` 13-digit time `.` rest (the rest may hold dots).
            let d1 = b.startIndex + 2
            guard let d2 = b[(d1 + 1)...].firstIndex(of: 46), let d3 = b[(d2 + 1)...].firstIndex(of: 46),
                  d2 - d1 == 2, d3 - d2 == 14, b[(d2 + 1)..<d3].allSatisfy(ByteClass.isDigit) else { return nil }
            return b[(d3 + 1)...].allSatisfy(ByteClass.isDigit) ? .metaBrowserID : .metaClickID
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
        // Digits and dots only: the parts between dots are digit runs, told apart by their lengths.
        var lengths: InlineArray<4, Int> = [0, 0, 0, 0]
        var parts = 0, run = 0
        for x in s {
            if x != 46 { run += 1; continue }
            if parts < 4 { lengths[parts] = run }
            parts += 1
            run = 0
        }
        if parts < 4 { lengths[parts] = run }
        parts += 1
        if parts == 2, (6...10).contains(lengths[0]), lengths[1] == 10 { return .gaClientID }
        if parts == 4, lengths[0] == 1, lengths[1] == 1, lengths[2] > 0, lengths[3] == 10,
           s[s.startIndex] == 49, s[s.startIndex + 2] == 49 { return .googleConversionLinker }
        return prefixedUserID(b)
    }

    private static func prefixedUserID(_ b: ArraySlice<UInt8>) -> Kind? {
        for p: StaticString in ["usr_", "user_", "cus_", "acct_", "u-"] where b.count > p.utf8CodeUnitCount + 4 && hasCasePrefix(b, p) {
            return .prefixedUserID
        }
        return nil
    }

    /// A record number with a short alphabetic prefix (`CRM-0048213`, `cust_10492`, `SKU-1042`): a
    /// user's id only where the field is about a person (an order or product id elsewhere).
    package static func isPrefixedRecordNumber(_ b: ArraySlice<UInt8>) -> Bool {
        guard let sep = b.firstIndex(where: { $0 == 45 || $0 == 95 }), (2...8).contains(sep - b.startIndex),
              b[..<sep].allSatisfy(ByteClass.isAlpha), b.endIndex - sep - 1 >= 4 else { return false }
        return b[(sep + 1)...].allSatisfy(ByteClass.isDigit)
    }

    /// Case-sensitive prefix test.
    private static func hasCasePrefix(_ b: ArraySlice<UInt8>, _ p: StaticString) -> Bool {
        b.count >= p.utf8CodeUnitCount && b.prefix(p.utf8CodeUnitCount).elementsEqual(UnsafeBufferPointer(start: p.utf8Start, count: p.utf8CodeUnitCount))
    }

    /// The category each format implies.
    package static func category(_ k: Kind) -> PIICategory {
        switch k {
        case .metaBrowserID, .gaClientID, .googleConversionLinker, .mixpanelDeviceID, .adobeECID: return .cookie_id
        case .metaClickID, .googleClickID, .tiktokClickID, .facebookClickID: return .click_id
        case .prefixedUserID: return .user_id
        }
    }
}
