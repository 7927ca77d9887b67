/// A legacy IAB TCF v1.1 consent string (version field 1; invalid by policy since 2020 but still
/// seen in traffic).
///
/// Single segment: Version(6) Created(36) LastUpdated(36) CmpId(12) CmpVersion(12)
/// ConsentScreen(6) ConsentLanguage(12) VendorListVersion(12) PurposesAllowed(24) MaxVendorId(16)
/// EncodingType(1), then a bitfield or DefaultConsent(1) NumEntries(12) + range entries, where
/// listed vendors get the opposite of DefaultConsent. `vendorConsents.ids` are the consenting ids.
package struct TCFv1String: Equatable, Sendable, TCFHeaderFields {
    package var header: TCFCoreHeader
    package var purposesAllowed: [Int]
    package var vendorConsents: TCFVendorSet

    package init(decoding text: Substring) throws(ConsentDecodeError) {
        guard !text.contains(".") else {
            throw ConsentDecodeError(.unknownSegment, "TCF v1 strings have a single segment")
        }
        var c = BitCursor(try Base64URLBits(text))
        header = try TCFCoreHeader(reading: &c, version: 1)
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
        .object(header.jsonMembers.merging([
            "purposesAllowed": .ids(purposesAllowed), "vendorConsents": vendorConsents.json,
        ]) { header, _ in header })
    }
}
