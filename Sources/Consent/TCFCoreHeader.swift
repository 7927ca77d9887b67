/// The fields TCF v1.1 and v2.x strings share at the start of their core segment (IAB Tech Lab
/// consent string formats): Version(6) Created(36) LastUpdated(36) CmpId(12) CmpVersion(12)
/// ConsentScreen(6) ConsentLanguage(12, two letters) VendorListVersion(12).
package struct TCFCoreHeader: Equatable, Sendable {
    package var version: Int
    package var createdDeciseconds: Int
    package var lastUpdatedDeciseconds: Int
    package var cmpId: Int
    package var cmpVersion: Int
    package var consentScreen: Int
    package var consentLanguage: String
    package var vendorListVersion: Int

    /// Reads the header; a version other than `version` is refused (offset 0).
    init(reading c: inout BitCursor, version expected: Int) throws(ConsentDecodeError) {
        version = try c.int(6)
        guard version == expected else {
            throw ConsentDecodeError(.unsupportedVersion, "unsupported TCF version \(version)", offset: 0)
        }
        createdDeciseconds = try c.int(36)
        lastUpdatedDeciseconds = try c.int(36)
        cmpId = try c.int(12)
        cmpVersion = try c.int(12)
        consentScreen = try c.int(6)
        consentLanguage = try c.letters()
        vendorListVersion = try c.int(12)
    }

    /// The header's members of the decoded JSON (keys as in the consent vectors).
    var jsonMembers: [String: ConsentJSON] {
        [
            "version": .int(version),
            "created": .string(TCString.iso(deciseconds: createdDeciseconds)),
            "createdDeciseconds": .int(createdDeciseconds),
            "lastUpdated": .string(TCString.iso(deciseconds: lastUpdatedDeciseconds)),
            "lastUpdatedDeciseconds": .int(lastUpdatedDeciseconds),
            "cmpId": .int(cmpId), "cmpVersion": .int(cmpVersion), "consentScreen": .int(consentScreen),
            "consentLanguage": .string(consentLanguage), "vendorListVersion": .int(vendorListVersion),
        ]
    }
}

/// A consent string with a `TCFCoreHeader`: its fields read as the string's own.
package protocol TCFHeaderFields {
    var header: TCFCoreHeader { get }
}

extension TCFHeaderFields {
    package var version: Int { header.version }
    package var createdDeciseconds: Int { header.createdDeciseconds }
    package var lastUpdatedDeciseconds: Int { header.lastUpdatedDeciseconds }
    package var cmpId: Int { header.cmpId }
    package var cmpVersion: Int { header.cmpVersion }
    package var consentScreen: Int { header.consentScreen }
    package var consentLanguage: String { header.consentLanguage }
    package var vendorListVersion: Int { header.vendorListVersion }
}
