/// A legacy IAB TCF v1.1 consent string (version field 1; invalid by policy since 2020 but still
/// seen in traffic).
///
/// Single segment: Version(6) Created(36) LastUpdated(36) CmpId(12) CmpVersion(12)
/// ConsentScreen(6) ConsentLanguage(12) VendorListVersion(12) PurposesAllowed(24) MaxVendorId(16)
/// EncodingType(1), then a bitfield or DefaultConsent(1) NumEntries(12) + range entries, where
/// listed vendors get the opposite of DefaultConsent. `vendorConsents.ids` are the consenting ids.
package struct TCFv1String: Equatable, Sendable {
    package var version: Int
    package var createdDeciseconds: Int
    package var lastUpdatedDeciseconds: Int
    package var cmpId: Int
    package var cmpVersion: Int
    package var consentScreen: Int
    package var consentLanguage: String
    package var vendorListVersion: Int
    package var purposesAllowed: [Int]
    package var vendorConsents: TCFVendorSet

    package init(decoding text: Substring) throws(ConsentDecodeError) {
        guard !text.contains(".") else {
            throw ConsentDecodeError(.unknownSegment, "TCF v1 strings have a single segment")
        }
        var c = BitCursor(try Base64URLBits(text))
        version = try c.int(6)
        guard version == 1 else {
            throw ConsentDecodeError(.unsupportedVersion, "unsupported TCF version \(version)", offset: 0)
        }
        createdDeciseconds = try c.int(36)
        lastUpdatedDeciseconds = try c.int(36)
        cmpId = try c.int(12)
        cmpVersion = try c.int(12)
        consentScreen = try c.int(6)
        consentLanguage = try c.letters()
        vendorListVersion = try c.int(12)
        purposesAllowed = try c.bitfield(24)
        let maxVendorId = try c.int(16)
        if try c.bool() {
            let defaultConsent = try c.bool()
            let listed = try TCFVendorSet.readRangeEntries(&c)
            let ids: [Int]
            if defaultConsent {
                let excluded = Set(listed)
                ids = maxVendorId == 0 ? [] : (1...maxVendorId).filter { !excluded.contains($0) }
            } else {
                ids = listed
            }
            vendorConsents = TCFVendorSet(encoding: .range, maxVendorId: maxVendorId, ids: ids,
                                          defaultConsent: defaultConsent)
        } else {
            vendorConsents = TCFVendorSet(encoding: .bitfield, maxVendorId: maxVendorId, ids: try c.bitfield(maxVendorId))
        }
    }

    package var json: ConsentJSON {
        .object([
            "version": .int(version),
            "created": .string(TCString.iso(deciseconds: createdDeciseconds)),
            "createdDeciseconds": .int(createdDeciseconds),
            "lastUpdated": .string(TCString.iso(deciseconds: lastUpdatedDeciseconds)),
            "lastUpdatedDeciseconds": .int(lastUpdatedDeciseconds),
            "cmpId": .int(cmpId), "cmpVersion": .int(cmpVersion), "consentScreen": .int(consentScreen),
            "consentLanguage": .string(consentLanguage), "vendorListVersion": .int(vendorListVersion),
            "purposesAllowed": .ids(purposesAllowed), "vendorConsents": vendorConsents.json,
        ])
    }
}
