import Foundation

/// Appends lines to the file named by `PROBE_OUT`, so the outer test sees what each case saw.
enum ProbeOutput {
  /// Appends `line` atomically (one `write` with `O_APPEND`); does nothing without `PROBE_OUT`.
  static func append(_ line: String) {
    guard let path = ProcessInfo.processInfo.environment["PROBE_OUT"], !path.isEmpty else { return }
    let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
    guard descriptor >= 0 else { return }
    defer { close(descriptor) }
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
  }
}
