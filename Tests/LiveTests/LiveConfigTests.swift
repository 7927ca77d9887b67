import Testing
@testable import Live

@Suite("LiveConfig")
struct LiveConfigTests {
    @Test("a full config file sets every field")
    func full() {
        let yaml = """
        # consenttap live on the egress host
        interfaces: [eth0, eth1]
        bpf: "tcp port 443 or tcp port 80 or udp port 53"
        snaplen: 65535
        buffer_size: 64MiB
        promiscuous: false
        immediate: true
        workers: 2
        queue_packets: 8192
        queue_bytes: 16MiB
        keylog: /var/lib/app/keys.log
        key_wait_ms: 150
        catalog: [/etc/consenttap/extra.yaml]
        first_party: [shop.example]
        hash_key_file: /etc/consenttap/hash.key
        policy: /etc/consenttap/policy.json
        default_regime: opt_out
        consent: /var/lib/consenttap/consent.jsonl
        consent_db: /var/lib/consenttap/consent.db
        follow: true
        alert: [stdout, "file:/var/log/consenttap/alerts.jsonl"]
        webhook_secret_file: /etc/consenttap/webhook.secret
        alert_window: 60
        metrics: 127.0.0.1:9464
        user: consenttap
        stats_interval: 30
        raw_evidence: no
        """
        let (c, errors) = LiveConfigParser.parse(yaml)
        #expect(errors.isEmpty)
        #expect(c.interfaces == ["eth0", "eth1"])
        #expect(c.bpf == "tcp port 443 or tcp port 80 or udp port 53")
        #expect(c.snaplen == 65535)
        #expect(c.bufferSize == 64 << 20)
        #expect(c.promiscuous == false)
        #expect(c.workers == 2)
        #expect(c.queueBytes == 16 << 20)
        #expect(c.keylog == ["/var/lib/app/keys.log"])
        #expect(c.keyWaitMs == 150)
        #expect(c.firstParty == ["shop.example"])
        #expect(c.defaultRegime == "opt_out")
        #expect(c.follow == true)
        #expect(c.consentDB == "/var/lib/consenttap/consent.db")
        #expect(c.alert == ["stdout", "file:/var/log/consenttap/alerts.jsonl"])
        #expect(c.webhookSecretFile == "/etc/consenttap/webhook.secret")
        #expect(c.alertWindow == 60)
        #expect(c.metrics == "127.0.0.1:9464")
        #expect(c.user == "consenttap")
        #expect(c.statsInterval == 30)
        #expect(c.rawEvidence == false)
        #expect(c.problem() == nil)
    }

    @Test("every problem is reported at its line and column")
    func linePrecise() {
        let yaml = """
        interfaces: eth0
        workers: two
        snaplen: 10
        promiscous: true
        default_regime: maybe
        metrics: localhost
        """
        let (_, errors) = LiveConfigParser.parse(yaml)
        #expect(errors.map(\.line) == [2, 3, 4, 5, 6])
        #expect(errors[0].message.contains("integer"))
        #expect(errors[0].column == 10)
        #expect(errors[1].message.contains("between 64 and 262144"))
        #expect(errors[2].message.contains("unknown setting 'promiscous'"))
        #expect(errors[2].message.contains("did you mean 'promiscuous'"))
        #expect(errors[2].column == 1)
        #expect(errors[3].message.contains("opt_in or opt_out"))
        #expect(errors[4].message.contains("ADDR:PORT"))
    }

    @Test("YAML syntax errors carry libyaml's position")
    func syntax() throws {
        let (_, errors) = LiveConfigParser.parse("interfaces: [eth0\nworkers: 2\n")
        let e = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(e.line >= 2)
        #expect(e.message.hasPrefix("not valid YAML"))
    }

    @Test("a top-level list, a duplicated key and a mapping where a string is due are refused")
    func shapes() {
        #expect(LiveConfigParser.parse("- eth0\n").1.first?.message.contains("mapping") == true)
        let dup = LiveConfigParser.parse("workers: 1\nworkers: 2\n").1
        #expect(dup.count == 1 && dup.first?.line == 2 && dup.first?.message == "'workers' is set twice", "\(dup)")
        let nested = LiveConfigParser.parse("bpf:\n  a: b\n").1
        #expect(nested.first?.message.contains("string") == true)
        #expect(nested.first?.line == 2)
    }

    @Test("follow without a consent file is refused")
    func followNeedsConsent() {
        let (_, errors) = LiveConfigParser.parse("interfaces: eth0\nfollow: true\n")
        #expect(errors.isEmpty)   // one key at a time parses; the combination is checked by problem()
        var c = LiveConfig()
        c.interfaces = ["eth0"]
        c.follow = true
        #expect(c.problem()?.contains("consent") == true)
        c.consent = "feed.jsonl"
        #expect(c.problem() == nil)
    }

    @Test("an empty file sets nothing and is not an error")
    func empty() {
        let (c, errors) = LiveConfigParser.parse("")
        #expect(errors.isEmpty)
        #expect(c == LiveConfig())
    }

    @Test("flags override the file; lists replace, unset flags show the file through")
    func override() {
        var file = LiveConfig()
        file.interfaces = ["eth0"]
        file.workers = 4
        file.bpf = "tcp"
        file.catalog = ["a.yaml"]
        var flags = LiveConfig()
        flags.workers = 1
        flags.catalog = ["b.yaml"]
        let c = file.overridden(by: flags)
        #expect(c.interfaces == ["eth0"])
        #expect(c.workers == 1)
        #expect(c.bpf == "tcp")
        #expect(c.catalog == ["b.yaml"])
    }

    @Test("sizes with units; metrics addresses")
    func values() {
        #expect(LiveConfigParser.parseSize("512KiB") == 512 << 10)
        #expect(LiveConfigParser.parseSize("2G") == 2 << 30)
        #expect(LiveConfigParser.parseSize("12 MiB") == 12 << 20)
        #expect(LiveConfigParser.parseSize("lots") == nil)
        #expect(MetricsAddress("127.0.0.1:9464") == MetricsAddress("localhost:9464"))
        #expect(MetricsAddress("[::1]:9464")?.host == "::1")
        #expect(MetricsAddress(":9464")?.host == "0.0.0.0")
        #expect(MetricsAddress("127.0.0.1") == nil)
        #expect(MetricsAddress("example.com:80") == nil)
        #expect(MetricsAddress("1.2.3.4:0") == nil)
    }
}
