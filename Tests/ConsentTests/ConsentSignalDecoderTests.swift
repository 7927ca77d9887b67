import Testing
@testable import Consent

/// Hand-checked decodes, kind detection and malformed inputs of every kind.
@Suite("ConsentSignalDecoder")
struct ConsentSignalDecoderTests {
    @Test("kind detection picks the right decoder")
    func detection() {
        #expect(ConsentSignalDecoder.detect("1YNN") == .usp)
        #expect(ConsentSignalDecoder.detect("G101") == .gcs)
        #expect(ConsentSignalDecoder.detect("13r3r3r3r5l1") == .gcd)
        #expect(ConsentSignalDecoder.detect("DBABMA~CPSG") == .gpp)
        #expect(ConsentSignalDecoder.detect("CPSG_8APSG_8A") == .tcf)
        #expect(ConsentSignalDecoder.detect("BOv5oL3Ov5oL3AB") == .tcf)
    }

    @Test("US Privacy 1YYN: notice given, opted out of sale")
    func usp() throws {
        let r = ConsentSignalDecoder.decode("1YYN")
        guard case .usp(let u)? = r.signal else { Issue.record("not usp: \(r.json)"); return }
        #expect(u.saleOptedOut && u.ccpaApplies)
        #expect(r.json == #"{"ccpaApplies":true,"lspaCovered":"N","notice":"Y","optOutSale":"Y","outcome":"ok","saleOptedOut":true,"signal":"usp","version":1}"#)
    }

    @Test("gcd letters decode per the published table; effective = update else default")
    func gcd() throws {
        let r = ConsentSignalDecoder.decode("13p3r3l3v5")
        guard case .gcd(let g)? = r.signal else { Issue.record("not gcd"); return }
        #expect(g.adStorage.effective == .denied)        // p: denied, no update
        #expect(g.analyticsStorage.effective == .granted) // r: denied -> granted
        #expect(g.adUserData.effective == .notSet)       // l
        #expect(g.adPersonalization.effective == .granted) // v
        #expect(g.tail == "5")
    }

    @Test("TCF v2 core fields of a known string (bitfield vendors + 3 publisher restrictions)")
    func tcfKnown() throws {
        // Vector tcf "CP3r6AAP3r6AAAKADCENCWEsAPLAAELAAAwIAUOkICABAACgkAAAAAIAYQAD..." is checked
        // in full by the vector suite; here a short string from the same CMP family.
        let r = ConsentSignalDecoder.decode("COoC-kUOoC-kUAHABAENAwCoAIAAAELAAAwIF5wAoAAgAGAvMACX_ABBAAQAFA")
        guard case .tcf(let t)? = r.signal else { Issue.record("not tcf: \(r.json)"); return }
        #expect(t.cmpId == 7)
        #expect(t.consentLanguage == "EN" && t.publisherCountryCode == "GB")
        #expect(t.vendorConsents.encoding == .range && t.vendorConsents.ids == [1, 2, 3, 755])
        #expect(t.vendorConsents.contains(755) && !t.vendorConsents.contains(4))
        #expect(t.publisherRestrictions == [.init(purposeId: 1, restrictionType: 0, vendorIds: [10])])
        #expect(t.disclosedVendors == nil && t.publisherTC == nil)
    }

    @Test("GPP usnat with GPC sub-section")
    func gppUsnat() throws {
        let r = ConsentSignalDecoder.decode("DBABL~CVVVqqqqqlVY.Y")
        guard case .gpp(let g)? = r.signal, case .us(let s) = g.sections[0] else { Issue.record("not gpp usnat"); return }
        #expect(g.sectionIds == [7])
        #expect(s.int("SaleOptOut") == 1 && s.gpc == true)
        #expect(s["SensitiveDataProcessing"] == .list(Array(repeating: 2, count: 16)))
    }

    @Test("malformed inputs of each kind give a clear error", arguments: [
        ("", ConsentDecodeError.Code.empty),
        ("   ", .empty),
        ("1YN", .badLength),
        ("1ynn", .invalidCharacter),
        ("3YNN", .unsupportedVersion),
        ("G1x1", .malformed),
        ("G12", .malformed),
        ("11z1z1z1z5", .malformed),
        ("13q3q3q3", .malformed),
        ("13q3q3q3q5!", .malformed),
        ("CP3r6AAQCgC4", .truncated),                                              // cut in the core
        ("CP3r6AAQCgC4AEsACBDECMEoAMAAAAAAAAYgAEIEAAAAA+", .invalidCharacter),     // '+' is base64, not base64url
        ("CP3r6AAQCgC4AEsACBDECMEoAMAAAAAAAAYgAEIEAAAAA.", .truncated),            // empty segment
        ("CP3r6AAQCgC4AEsACBDECMEoAMAAAAAAAAYgAEIEAAAAA.AAAA", .unknownSegment),   // segment type 0
        ("EP3r6AAQCgC4AEsACBDECMEoAMAAAAAAAAYgAEIEAAAAA", .unsupportedVersion),   // version 4
        ("DBABM", .sectionMismatch),
        ("DBABM~", .truncated),
        ("DBABM~CPSG~1YNN", .sectionMismatch),
        ("DBABT~1YNNN", .badLength),
        ("DBABL~CVVV.Z", .truncated),
        ("DBACNY~CPSG_8APSG_8AAAAAAENAACAAAAAAAAAAAAAAAAAAAAA.QAAA.IAAA~1Y!N", .invalidCharacter),
        ("DB", .truncated),
    ])
    func malformed(input: String, code: ConsentDecodeError.Code) {
        let r = ConsentSignalDecoder.decode(input)
        #expect(r.error?.code == code, "\(input): \(r.json)")
        #expect(r.jsonValue["outcome"] == .string("error"))
        #expect(!(r.error?.message.isEmpty ?? true))
    }

    @Test("every prefix and single-character mutation of real strings decodes or errors, never traps")
    func prefixesAndMutations() {
        let inputs = [
            "CPSG_8APSG_8AAAAAAENAAFgAAAAAAAAAAAAAOAAAABAAAAA.IAOABgAB.YAAAAAAAAAAA",
            "COrEAV4OrXx94ACABBENAHCIAD-AAAAAAACAAxAAAAgAIAwgAgAAAAEAgQAA",
            "BOhs9bQOjjnLQAXABBENCfeAAAApmABgAYADoA",
            "DBADTb~1YYN~CVVVqqqqqlVY~BVUAAABY",
            "DBACOYs~CPSG_8APSG_8AAAAAAENAACAAAAAAAAAAAAAAAAAAAAA.QAAA.IAAA~BPSG_8APSG_8AAAAAAENAACAAAAAAAAAAAAAAAAAAA.YAAAAAAAAAA~1---~BAAAAAAAAABA.QA~BAAAAABA.QA~BAAAABA~BAAAAEA.QA~BAAAAAQA~BAAAAAEA.QA~BAAAAABA",
            "13r3r3r3r5l1", "G1-1", "1YNN",
        ]
        let alphabet = Array("AB_-~.9zG1Y ")
        var checked = 0
        for s in inputs {
            let chars = Array(s)
            for n in 0...chars.count {
                _ = ConsentSignalDecoder.decode(String(chars.prefix(n))).json
                checked += 1
            }
            for i in chars.indices {
                for c in alphabet {
                    var m = chars
                    m[i] = c
                    _ = ConsentSignalDecoder.decode(String(m)).json
                    checked += 1
                }
            }
        }
        #expect(checked > 3000)
    }

    @Test("random strings never trap (seeded)")
    func randomStrings() {
        var rng = SplitMix(seed: 0x5eed)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_~.=+/ ")
        var errors = 0
        for _ in 0..<3000 {
            let n = Int(rng.next() % 80)
            let s = String((0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
            if !ConsentSignalDecoder.decode(s).isOK { errors += 1 }
        }
        #expect(errors > 0)
    }

    @Test("huge range entries stay bounded (65,535 ids at most)")
    func hugeRanges() {
        // A TCF v2 core with a range vendor section covering 1...65535 repeatedly.
        var bits = "000010" + String(repeating: "0", count: 36 * 2 + 12 * 2 + 6 + 12 + 12 + 6 + 2 + 12 + 24 + 24 + 1 + 12)
        bits += String(repeating: "1", count: 16) + "1" + "000000000100"   // maxVendorId, range, 4 entries
        for _ in 0..<4 { bits += "1" + "0000000000000001" + String(repeating: "1", count: 16) }
        bits += String(repeating: "0", count: 16 + 1 + 0) + "000000000000"  // LI: maxVendorId 0, bitfield
        bits += "000000000000"                                               // no restrictions
        let r = ConsentSignalDecoder.decode(Self.base64url(bits))
        guard case .tcf(let t)? = r.signal else { Issue.record("did not decode: \(r.json.prefix(200))"); return }
        #expect(t.vendorConsents.ids.count == 65_535)
    }

    static func base64url(_ bits: String) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var b = Array(bits)
        while b.count % 6 != 0 { b.append("0") }
        return String(stride(from: 0, to: b.count, by: 6).map { i in
            alphabet[b[i..<(i + 6)].reduce(0) { $0 * 2 + ($1 == "1" ? 1 : 0) }]
        })
    }
}

/// A tiny deterministic generator for reproducible random tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("TCF v1 range encoding")
struct TCFv1RangeTests {
    /// Builds a v1 string: header fields zero except version 1 and the vendor section given.
    static func v1(maxVendorId: Int, defaultConsent: Bool, entries: [(Int, Int?)]) -> String {
        func bits(_ v: Int, _ n: Int) -> String {
            String(repeating: "0", count: max(0, n - String(v, radix: 2).count)) + String(v, radix: 2)
        }
        var b = bits(1, 6) + String(repeating: "0", count: 36 + 36 + 12 + 12 + 6 + 12 + 12) + bits(0b110, 24)
        b += bits(maxVendorId, 16) + "1" + (defaultConsent ? "1" : "0") + bits(entries.count, 12)
        for (start, end) in entries {
            b += end == nil ? "0" + bits(start, 16) : "1" + bits(start, 16) + bits(end!, 16)
        }
        return ConsentSignalDecoderTests.base64url(b)
    }

    @Test("DefaultConsent=1: listed vendors are the ones WITHOUT consent")
    func defaultConsentTrue() {
        let r = ConsentSignalDecoder.decode(Self.v1(maxVendorId: 6, defaultConsent: true, entries: [(2, nil), (4, 5)]))
        guard case .tcfV1(let t)? = r.signal else { Issue.record("not v1: \(r.json)"); return }
        #expect(t.vendorConsents.ids == [1, 3, 6])
        #expect(t.vendorConsents.defaultConsent == true)
        #expect(t.purposesAllowed == [22, 23])
    }

    @Test("DefaultConsent=0: listed vendors have consent; reversed ranges add nothing")
    func defaultConsentFalse() {
        let r = ConsentSignalDecoder.decode(Self.v1(maxVendorId: 9, defaultConsent: false, entries: [(2, nil), (8, 5), (6, 7)]))
        guard case .tcfV1(let t)? = r.signal else { Issue.record("not v1: \(r.json)"); return }
        #expect(t.vendorConsents.ids == [2, 6, 7])
    }
}

@Suite("GPP sub-sections")
struct GPPSubsectionTests {
    @Test("a sub-section on a section without GPC (usva) is ignored and reported, not decoded")
    func ignored() {
        let r = ConsentSignalDecoder.decode("DBABRg~BVmqqiA.QA")
        guard case .gpp(let g)? = r.signal, case .us(let s) = g.sections[0] else { Issue.record("not gpp: \(r.json)"); return }
        #expect(s.ignoredSubsections == 1 && s.gpc == nil && !s.gpcSubsectionPresent)
        #expect(r.jsonValue["sections"]?["usva"]?["IgnoredSubsections"] == .int(1))
    }
}
