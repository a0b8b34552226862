import Foundation

/// Writes lines to standard output at once, so scripts reading a pipe see each result as it happens.
enum Console {
  /// Writes `text` and a newline unbuffered.
  static func line(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
  }
}
