import Testing
@testable import Consent

/// Hashes checked against Python's hashlib.sha256(...).hexdigest().
@Suite("IdentifierKeys")
struct IdentifierKeysTests {
    @Test("SHA-256 hex of known strings")
    func sha() {
        #expect(SHA256Hex.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Hex.isHash("BA7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
        #expect(!SHA256Hex.isHash("abc"))
    }

    @Test("e-mail: trim + lowercase, then SHA-256 (Meta em); Google form drops gmail dots")
    func email() {
        let keys = IdentifierKeys.keys(for: SubjectIdentifier(.email, "  Jane.Doe@Example.COM "))
        #expect(keys == ["email_sha256:86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d"])
        let gmail = IdentifierKeys.keys(for: SubjectIdentifier(.email, "Jane.Doe@gmail.com"))
        #expect(Set(gmail) == [
            "email_sha256:831f6494ad6be4fcb3a724c3d5fef22d3ceffa3c62ef3a7984e45a0ea177f982",  // jane.doe@gmail.com
            "email_sha256:d6117306485ed0e50afab3ac871e98f81699151f30281527d63ff5f233656c69",  // janedoe@gmail.com
        ])
    }

    @Test("a hash in an email field is used as the hash itself (any case)")
    func hashedEmail() {
        let upper = "86E0B9E56C17CC4D12387E1949B85053FBE73BC3CE5A1188713A9D300CC6133D"
        #expect(IdentifierKeys.keys(for: SubjectIdentifier(.email, upper))
                == ["email_sha256:86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d"])
        #expect(IdentifierKeys.keys(for: SubjectIdentifier(.emailSHA256, "not-a-hash")).isEmpty)
    }

    @Test("phone: digits with country code (Meta ph) and E.164 with + (Google/TikTok)")
    func phone() {
        for raw in ["+1 (555) 123-4567", "001-555-123-4567", "15551234567"] {
            #expect(IdentifierKeys.keys(for: SubjectIdentifier(.phone, raw)) == [
                "phone_sha256:d6736136ea896c1bfdc553e0e86e702c70d060d805696ca3e4e9e0961353860a",
                "phone_sha256:8a59780bb8cd2ba022bfa5ba2ea3b6e07af17a7d8b30c1f9b3390e36f69019e4",
            ], "\(raw)")
        }
        #expect(IdentifierKeys.keys(for: SubjectIdentifier(.phone, "n/a")).isEmpty)
    }

    @Test("user_id and external_id meet, raw and hashed")
    func externalId() {
        let u = Set(IdentifierKeys.keys(for: SubjectIdentifier(.userId, "User-42")))
        let hashed = Set(IdentifierKeys.keys(for: SubjectIdentifier(.externalId, "6d894aa3ee802549d7f340e7c1cf0d1c1cb14cd84f768d92ffaa6785337c4997")))
        #expect(!u.isDisjoint(with: hashed))
        #expect(IdentifierKeys.keys(for: SubjectIdentifier(.fbp, "fb.1.1.2")) == ["fbp:fb.1.1.2"])
    }

    @Test("descriptions never show the raw value")
    func redacted() {
        let id = SubjectIdentifier(.email, "jane.doe@example.com")
        #expect(!id.description.contains("jane"))
        #expect(id.description.hasPrefix("email:"))
    }
}

@Suite("IdentifierRedactor")
struct IdentifierRedactorTests {
    @Test("HMAC-SHA-256 matches RFC 4231 test cases 1, 2, 4 and 6 (key longer than a block)")
    func rfc4231() {
        #expect(HMACSHA256(key: [UInt8](repeating: 0x0b, count: 20)).hex("Hi There")
                == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        #expect(HMACSHA256(key: Array("Jefe".utf8)).hex("what do ya want for nothing?")
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(HMACSHA256(key: (1...25).map { UInt8($0) }).mac([UInt8](repeating: 0xcd, count: 50))
                == hexBytes("82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"))
        #expect(HMACSHA256(key: [UInt8](repeating: 0xaa, count: 131)).hex("Test Using Larger Than Block-Size Key - Hash Key First")
                == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
        #expect(HMACSHA256(key: Array("Jefe".utf8)).hex("what do ya want for nothing?", hexDigits: 16) == "5bdcc146bf60754e")
        let h = HMACSHA256(key: [])
        #expect(h.hex("a") == h.hex("a") && h.hex("a") != h.hex("b"))
        // Fed in parts, the MAC is that of their concatenation; any number of digits, odd ones too.
        let jefe = HMACSHA256(key: Array("Jefe".utf8))
        let parts = ["what do ya", " want ", "", "for nothing?"].map { Array($0.utf8) }
        let fed = parts[0].withUnsafeBytes { a in parts[1].withUnsafeBytes { b in parts[2].withUnsafeBytes { c in
            parts[3].withUnsafeBytes { d in jefe.hex(a, b, c, d) } } } }
        #expect(fed == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(jefe.hex("what do ya want for nothing?", hexDigits: 7) == "5bdcc14")
        #expect(jefe.hex("what do ya want for nothing?", hexDigits: 0) == "")
        #expect(jefe.hex("what do ya want for nothing?", hexDigits: 99).count == 64)
    }

    @Test("an identifier redacts to its kind and the keyed hash of its canonical key")
    func redactsCanonicalKey() {
        let key = Array("k".utf8)
        let redactor = IdentifierRedactor(key: key)
        for id in [SubjectIdentifier(.email, " Jane.Doe@Example.com"), SubjectIdentifier(.userId, "u_42"),
                   SubjectIdentifier(.fbp, "fb.1.1709917414135.16934483"), SubjectIdentifier(.phone, "+33 7 56 22 10 47")] {
            let canonical = IdentifierKeys.canonicalKey(for: id)!
            let kind = canonical.split(separator: ":")[0]
            #expect(redactor.redact(id) == kind + ":" + HMACSHA256(key: key).hex(canonical, hexDigits: 16))
        }
        // No canonical key (an empty value): the kind and the raw form are hashed.
        let empty = SubjectIdentifier(.email, " ")
        #expect(redactor.redact(empty) == "email:" + HMACSHA256(key: key).hex("email: ", hexDigits: 16))
    }

    @Test("the canonical key is the first of all keys, for every kind")
    func canonicalIsFirst() {
        let values = ["Jane.Doe@Gmail.com ", "+33 7 56 22 10 47", "0033756221047", "u_42", "fb.1.1.2",
                      String(repeating: "A1", count: 32), "", "  "]
        for kind in SubjectIdentifier.Kind.allCases {
            for v in values {
                let id = SubjectIdentifier(kind, v)
                #expect(IdentifierKeys.canonicalKey(for: id) == IdentifierKeys.keys(for: id).first, "\(kind)")
            }
        }
    }

    private func hexBytes(_ s: String) -> [UInt8] {
        let u = Array(s.utf8)
        return stride(from: 0, to: u.count, by: 2).map { UInt8(String(decoding: u[$0...($0 + 1)], as: UTF8.self), radix: 16)! }
    }

    @Test("raw e-mail and its Meta em hash redact to the same keyed value; another key differs")
    func sameForRawAndHashed() {
        let r = IdentifierRedactor(key: Array("k1".utf8))
        let raw = r.redact(SubjectIdentifier(.email, " Jane.Doe@Example.com"))
        let em = r.redact(SubjectIdentifier(.email, "86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d"))
        #expect(raw == em)
        #expect(raw.hasPrefix("email_sha256:") && raw.count == "email_sha256:".count + 16)
        #expect(IdentifierRedactor(key: Array("k2".utf8)).redact(SubjectIdentifier(.email, "jane.doe@example.com")) != raw)
        #expect(!IdentifierRedactor(key: []).redact(SubjectIdentifier(.phone, "+1 555 123 4567")).isEmpty)
    }

    @Test("the evaluator can use it for subject output")
    func inEvaluator() {
        let redactor = IdentifierRedactor(key: Array("secret".utf8))
        let evaluator = ConsentEvaluator(redact: { redactor.redact($0) })
        let v = evaluator.evaluate(ConsentForward(category: "analytics", time: .zero,
                                                  subjects: [[SubjectIdentifier(.email, "x@y.z")]], hasPersonalData: true),
                                   timeline: ConsentTimeline())
        #expect(v.subjects.first?.identifiers == [redactor.redact(SubjectIdentifier(.email, "x@y.z"))])
    }
}
