/// A decoded GPP US section (usnat and the state sections usca, usva, usco, usut, usct).
///
/// Field names and order come from the IAB GPP section specs as implemented by `@iabgpp/cmpapi`
/// v3.2.0 (consent-signals.md §2). Values keep the wire coding: 0 not applicable, 1 yes / opted out
/// / no consent, 2 no / did not opt out / consent. `fields` keeps wire order; lists are arrays.
package struct GPPUSSection: Equatable, Sendable {
    package enum Value: Equatable, Sendable {
        case int(Int)
        case list([Int])
    }

    package var name: String
    package var fields: [(name: String, value: Value)]
    /// Whether a GPC sub-section followed the core (only sections that define one).
    package var gpcSubsectionPresent: Bool
    /// The GPC flag, nil when the sub-section is absent.
    package var gpc: Bool?
    /// Sub-sections after the core of a section that defines none (kept out of the decode; an
    /// anomaly, rendered as `IgnoredSubsections` when non-zero).
    package var ignoredSubsections = 0

    package static func == (a: GPPUSSection, b: GPPUSSection) -> Bool {
        a.name == b.name && a.gpc == b.gpc && a.gpcSubsectionPresent == b.gpcSubsectionPresent
            && a.ignoredSubsections == b.ignoredSubsections
            && a.fields.map(\.name) == b.fields.map(\.name) && a.fields.map(\.value) == b.fields.map(\.value)
    }

    package subscript(_ field: String) -> Value? { fields.first { $0.name == field }?.value }

    package func int(_ field: String) -> Int? {
        if case .int(let v)? = self[field] { return v }
        return nil
    }

    // MARK: Layouts

    private enum Kind { case int, list(Int) }
    private typealias Layout = (fields: [(String, Kind)], hasGPC: Bool)

    private static let mspa: [(String, Kind)] = [
        ("MspaCoveredTransaction", .int), ("MspaOptOutOptionMode", .int), ("MspaServiceProviderMode", .int),
    ]

    private static func stateLayout(_ name: String) -> Layout? {
        switch name {
        case "usca":
            return ([("SaleOptOutNotice", .int), ("SharingOptOutNotice", .int), ("SensitiveDataLimitUseNotice", .int),
                     ("SaleOptOut", .int), ("SharingOptOut", .int), ("SensitiveDataProcessing", .list(9)),
                     ("KnownChildSensitiveDataConsents", .list(2)), ("PersonalDataConsents", .int)] + mspa, true)
        case "usva", "usco", "usct":
            let sdp = name == "usco" ? 7 : 8
            let kcsdc: Kind = name == "usct" ? .list(3) : .int
            return ([("SharingNotice", .int), ("SaleOptOutNotice", .int), ("TargetedAdvertisingOptOutNotice", .int),
                     ("SaleOptOut", .int), ("TargetedAdvertisingOptOut", .int), ("SensitiveDataProcessing", .list(sdp)),
                     ("KnownChildSensitiveDataConsents", kcsdc)] + mspa, name != "usva")
        case "usut":
            return ([("SharingNotice", .int), ("SaleOptOutNotice", .int), ("TargetedAdvertisingOptOutNotice", .int),
                     ("SensitiveDataProcessingOptOutNotice", .int), ("SaleOptOut", .int),
                     ("TargetedAdvertisingOptOut", .int), ("SensitiveDataProcessing", .list(8)),
                     ("KnownChildSensitiveDataConsents", .int)] + mspa, false)
        default:
            return nil
        }
    }

    /// usnat: the wire layout is chosen by the core's length (<= 11 characters: 12/2 lists,
    /// otherwise 16/3), the exposed lists by Version (1: 12/2, else 16/3), zero filled.
    private static func usnatLayout(sdp: Int, kcsdc: Int) -> Layout {
        ([("SharingNotice", .int), ("SaleOptOutNotice", .int), ("SharingOptOutNotice", .int),
          ("TargetedAdvertisingOptOutNotice", .int), ("SensitiveDataProcessingOptOutNotice", .int),
          ("SensitiveDataLimitUseNotice", .int), ("SaleOptOut", .int), ("SharingOptOut", .int),
          ("TargetedAdvertisingOptOut", .int), ("SensitiveDataProcessing", .list(sdp)),
          ("KnownChildSensitiveDataConsents", .list(kcsdc)), ("PersonalDataConsents", .int)] + mspa, true)
    }

    /// Section names this type decodes.
    package static let decodedNames: Set<String> = ["usnat", "usca", "usva", "usco", "usut", "usct"]

    // MARK: Decoding

    /// Decodes the body of section `name` (dot-separated base64url sub-sections, core first).
    package init(name: String, decoding body: Substring) throws(ConsentDecodeError) {
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        let core = parts[0]
        var c = BitCursor(try Base64URLBits(core))
        let version = try c.int(6)
        let layout: Layout
        var exposed: (sdp: Int, kcsdc: Int)? = nil
        if name == "usnat" {
            layout = core.count <= 11 ? GPPUSSection.usnatLayout(sdp: 12, kcsdc: 2)
                                      : GPPUSSection.usnatLayout(sdp: 16, kcsdc: 3)
            exposed = version == 1 ? (12, 2) : (16, 3)
        } else if let l = GPPUSSection.stateLayout(name) {
            layout = l
        } else {
            throw ConsentDecodeError(.unrecognised, "no decoder for GPP section \(name)")
        }
        self.name = name
        fields = [("Version", .int(version))]
        for (field, kind) in layout.fields {
            switch kind {
            case .int:
                fields.append((field, .int(try c.int(2))))
            case .list(let n):
                var values: [Int] = []
                for _ in 0..<n { values.append(try c.int(2)) }
                if let exposed {
                    let want = field == "SensitiveDataProcessing" ? exposed.sdp : exposed.kcsdc
                    values = Array(values.prefix(want)) + Array(repeating: 0, count: max(0, want - values.count))
                }
                fields.append((field, .list(values)))
            }
        }
        gpcSubsectionPresent = false
        gpc = nil
        guard layout.hasGPC else {
            ignoredSubsections = parts.count - 1
            return
        }
        for sub in parts.dropFirst() {
            var s = BitCursor(try Base64URLBits(sub))
            let type = try s.int(2)
            guard type == 1 else {
                throw ConsentDecodeError(.unknownSegment, "unknown \(name) sub-section type \(type)")
            }
            gpcSubsectionPresent = true
            gpc = try s.bool()
        }
    }

    package var json: ConsentJSON {
        var o: [String: ConsentJSON] = [:]
        for (k, v) in fields {
            switch v {
            case .int(let i): o[k] = .int(i)
            case .list(let l): o[k] = .ids(l)
            }
        }
        o["GpcSubsectionPresent"] = .bool(gpcSubsectionPresent)
        o["Gpc"] = gpc.map { .bool($0) } ?? .null
        if ignoredSubsections > 0 { o["IgnoredSubsections"] = .int(ignoredSubsections) }
        return .object(o)
    }
}
