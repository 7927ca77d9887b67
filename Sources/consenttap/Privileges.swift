import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Switching from root to an unprivileged user once the capture handles are open.
enum Privileges {
    /// setgroups/initgroups, setgid, setuid to `name`; a problem text, or nil on success. Checks that
    /// root cannot be regained.
    static func drop(to name: String) -> String? {
        guard let pw = getpwnam(name) else { return "no such user" }
        let uid = pw.pointee.pw_uid, gid = pw.pointee.pw_gid
        if getuid() == uid && geteuid() == uid { return nil }
        guard initgroups(name, gid) == 0 else { return "initgroups: \(String(cString: strerror(errno)))" }
        guard setgid(gid) == 0 else { return "setgid: \(String(cString: strerror(errno)))" }
        guard setuid(uid) == 0 else { return "setuid: \(String(cString: strerror(errno)))" }
        if uid != 0, setuid(0) == 0 { return "root could be regained after setuid" }
        return nil
    }
}
