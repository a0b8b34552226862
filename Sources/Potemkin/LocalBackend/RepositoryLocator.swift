import Foundation

/// Finds the potemkin-swift checkout that holds the local backend (`Tools/LocalAWS/server.py`).
enum RepositoryLocator {
  static let marker = "Tools/LocalAWS/server.py"

  /// `POTEMKIN_HOME`, else the nearest directory above `filePath` (this source file), else above the current
  /// directory, that holds `Tools/LocalAWS/server.py`.
  static func locate(environment: [String: String], filePath: String = #filePath) throws -> URL {
    var tried: [String] = []
    if let home = environment["POTEMKIN_HOME"], !home.isEmpty {
      let url = URL(fileURLWithPath: home).standardizedFileURL
      if holdsMarker(url) { return url }
      throw LocalBackendError.repositoryNotFound(tried: ["POTEMKIN_HOME=\(home)"])
    }
    for start in [
      URL(fileURLWithPath: filePath).deletingLastPathComponent(),
      URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
    ] {
      var directory = start.standardizedFileURL
      while true {
        if holdsMarker(directory) { return directory }
        let parent = directory.deletingLastPathComponent().standardizedFileURL
        if parent.path == directory.path { break }
        directory = parent
      }
      tried.append("\(start.path) and its parents")
    }
    throw LocalBackendError.repositoryNotFound(tried: tried)
  }

  static func holdsMarker(_ directory: URL) -> Bool {
    FileManager.default.fileExists(atPath: directory.appendingPathComponent(marker).path)
  }
}
