import Primitives

/// An IAB TCF v2.x TC string: core segment plus optional segments.
///
/// Spec: IAB Tech Lab "Consent string and vendor list formats v2" (consent-signals.md §1).
/// Decoding is strict: a field cut short, an unknown segment type or a bad character is an error
/// with the bit offset; policy-invalid but well-formed values (cmpId 0/1, policy version < 4,
/// restriction type 3) decode. JSON keys follow the vectors (`consent-vectors.json`).
package struct TCString: Equatable, Sendable, TCFHeaderFields {
    package var header: TCFCoreHeader
    package var tcfPolicyVersion: Int
    package var isServiceSpecific: Bool
    package var useNonStandardTexts: Bool
    package var specialFeatureOptins: [Int]
    package var purposeConsents: [Int]
    package var purposeLegitimateInterests: [Int]
    package var purposeOneTreatment: Bool
    package var publisherCountryCode: String
    package var vendorConsents: TCFVendorSet
    package var vendorLegitimateInterests: TCFVendorSet
    package var publisherRestrictions: [PublisherRestriction]
    package var disclosedVendors: TCFVendorSet?
    package var allowedVendors: TCFVendorSet?
    package var publisherTC: PublisherTC?

    package struct PublisherRestriction: Equatable, Sendable {
        package var purposeId: Int
        /// 0 not allowed, 1 require consent, 2 require legitimate interest, 3 undefined.
        package var restrictionType: Int
        package var vendorIds: [Int]
    }

    package struct PublisherTC: Equatable, Sendable {
        package var pubPurposesConsent: [Int]
        package var pubPurposesLITransparency: [Int]
        package var numCustomPurposes: Int
        package var customPurposesConsent: [Int]
        package var customPurposesLITransparency: [Int]
    }

    /// Decodes `core[.segment]*`. The caller has checked that the version field is 2.
    package init(decoding text: Substring) throws(ConsentDecodeError) {
        let segments = text.split(separator: ".", omittingEmptySubsequences: false)
        var core = BitCursor(try Base64URLBits(segments[0]))
        header = try TCFCoreHeader(reading: &core, version: 2)
        tcfPolicyVersion = try core.int(6)
        isServiceSpecific = try core.bool()
        useNonStandardTexts = try core.bool()
        specialFeatureOptins = try core.bitfield(12)
        purposeConsents = try core.bitfield(24)
        purposeLegitimateInterests = try core.bitfield(24)
        purposeOneTreatment = try core.bool()
        publisherCountryCode = try core.letters()
        vendorConsents = try TCFVendorSet.read(&core)
        vendorLegitimateInterests = try TCFVendorSet.read(&core)
        let restrictionCount = try core.int(12)
        publisherRestrictions = []
        for _ in 0..<restrictionCount {
            let purposeId = try core.int(6)
            let type = try core.int(2)
            let ids = try TCFVendorSet.readRangeEntries(&core)
            publisherRestrictions.append(PublisherRestriction(purposeId: purposeId, restrictionType: type, vendorIds: ids))
        }
        // Encoders emit restrictions grouped by purpose; report them sorted by (purpose, type).
        publisherRestrictions.sort { ($0.purposeId, $0.restrictionType) < ($1.purposeId, $1.restrictionType) }
        for segment in segments.dropFirst() {
            var c = BitCursor(try Base64URLBits(segment))
            let type = try c.int(3)
            switch type {
            case 1: disclosedVendors = try TCFVendorSet.read(&c)
            case 2: allowedVendors = try TCFVendorSet.read(&c)
            case 3:
                let consent = try c.bitfield(24)
                let li = try c.bitfield(24)
                let n = try c.int(6)
                publisherTC = PublisherTC(
                    pubPurposesConsent: consent, pubPurposesLITransparency: li, numCustomPurposes: n,
                    customPurposesConsent: try c.bitfield(n), customPurposesLITransparency: try c.bitfield(n))
            default:
                throw ConsentDecodeError(.unknownSegment, "unknown segment type \(type)")
            }
        }
    }

    /// True when purpose `id` (1-based) has consent in the core segment.
    package func hasConsent(purpose id: Int) -> Bool { purposeConsents.contains(id) }

    package var json: ConsentJSON {
        .object(header.jsonMembers.merging([
            "tcfPolicyVersion": .int(tcfPolicyVersion), "isServiceSpecific": .bool(isServiceSpecific),
            "useNonStandardTexts": .bool(useNonStandardTexts),
            "specialFeatureOptins": .ids(specialFeatureOptins), "purposeConsents": .ids(purposeConsents),
            "purposeLegitimateInterests": .ids(purposeLegitimateInterests),
            "purposeOneTreatment": .bool(purposeOneTreatment),
            "publisherCountryCode": .string(publisherCountryCode),
            "vendorConsents": vendorConsents.json, "vendorLegitimateInterests": vendorLegitimateInterests.json,
            "publisherRestrictions": .array(publisherRestrictions.map {
                .object(["purposeId": .int($0.purposeId), "restrictionType": .int($0.restrictionType),
                         "vendorIds": .ids($0.vendorIds)])
            }),
            "disclosedVendors": .optional(disclosedVendors?.json),
            "allowedVendors": .optional(allowedVendors?.json),
            "publisherTC": .optional(publisherTC.map {
                .object(["pubPurposesConsent": .ids($0.pubPurposesConsent),
                         "pubPurposesLITransparency": .ids($0.pubPurposesLITransparency),
                         "numCustomPurposes": .int($0.numCustomPurposes),
                         "customPurposesConsent": .ids($0.customPurposesConsent),
                         "customPurposesLITransparency": .ids($0.customPurposesLITransparency)])
            }),
        ]) { header, _ in header })
    }

    /// ISO-8601 UTC truncated to seconds, from a 36-bit decisecond count.
    static func iso(deciseconds: Int) -> String {
        let ts = Timestamp(seconds: Int64(deciseconds / 10), nanoseconds: 0).rfc3339
        return String(ts.prefix(19)) + "Z"
    }
}
