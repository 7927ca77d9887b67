/// An IAB Global Privacy Platform string: `header~section~section...`.
///
/// Spec: GPP Core "Consent String Specification" (consent-signals.md §2). The header is Type(6) = 3,
/// Version(6), SectionIds as a Fibonacci range; the sections follow in the header's order and their
/// count must match. Decoded sections: tcfeuv2 (2), uspv1 (6), usnat (7), usca..usct (8-12); other
/// known ids are kept by name with a `null` body (`undecoded`). A section that fails to decode
/// fails the whole string, with the section named in the message.
package struct GPPString: Equatable, Sendable {
    package enum Section: Equatable, Sendable {
        case tcfeuv2(TCString)
        case uspv1(USPrivacyString)
        case us(GPPUSSection)
        case undecoded(String)
    }

    package var type: Int
    package var version: Int
    package var sectionIds: [Int]
    package var sectionNames: [String]
    package var sections: [Section]

    /// Section names by id, from `@iabgpp/cmpapi` v3.2.0.
    package static let names: [Int: String] = [
        2: "tcfeuv2", 5: "tcfcav1", 6: "uspv1", 7: "usnat", 8: "usca", 9: "usva", 10: "usco", 11: "usut",
        12: "usct", 13: "usfl", 14: "usmt", 15: "usor", 16: "ustx", 17: "usde", 18: "usia", 19: "usne",
        20: "usnh", 21: "usnj", 22: "ustn", 23: "usmn", 24: "usmd", 25: "usin", 26: "usky", 27: "usri",
    ]

    package init(decoding text: Substring) throws(ConsentDecodeError) {
        guard !text.isEmpty else { throw ConsentDecodeError(.empty, "empty GPP string") }
        let parts = text.split(separator: "~", omittingEmptySubsequences: false)
        var h = BitCursor(try Base64URLBits(parts[0]))
        type = try h.int(6)
        guard type == 3 else {
            throw ConsentDecodeError(.malformed, "GPP header type must be 3, got \(type)", offset: 0)
        }
        version = try h.int(6)
        sectionIds = try h.fibonacciRange()
        let bodies = parts.dropFirst()
        guard sectionIds.count == bodies.count else {
            throw ConsentDecodeError(.sectionMismatch,
                                     "header lists \(sectionIds.count) sections but string has \(bodies.count)")
        }
        guard Set(sectionIds).count == sectionIds.count else {
            throw ConsentDecodeError(.sectionMismatch, "header lists a section id twice")
        }
        sectionNames = sectionIds.map { GPPString.names[$0] ?? "section\($0)" }
        sections = []
        for (name, body) in zip(sectionNames, bodies) {
            do throws(ConsentDecodeError) {
                switch name {
                case "tcfeuv2":
                    sections.append(.tcfeuv2(try TCString(decoding: body)))
                case "uspv1":
                    sections.append(.uspv1(try USPrivacyString(decoding: body)))
                case _ where GPPUSSection.decodedNames.contains(name):
                    sections.append(.us(try GPPUSSection(name: name, decoding: body)))
                default:
                    sections.append(.undecoded(name))
                }
            } catch {
                throw error.within(name)
            }
        }
    }

    package var json: ConsentJSON {
        var o: [String: ConsentJSON] = [:]
        var undecoded: [ConsentJSON] = []
        for (name, section) in zip(sectionNames, sections) {
            switch section {
            case .tcfeuv2(let t): o[name] = t.json
            case .uspv1(let u): o[name] = u.json
            case .us(let s): o[name] = s.json
            case .undecoded: o[name] = .null; undecoded.append(.string(name))
            }
        }
        return .object([
            "header": .object(["type": .int(type), "version": .int(version), "sectionIds": .ids(sectionIds)]),
            "sectionNames": .array(sectionNames.map { .string($0) }),
            "sections": .object(o),
            "undecodedSections": .array(undecoded),
        ])
    }
}
