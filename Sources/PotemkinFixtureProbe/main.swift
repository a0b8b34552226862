// Deploys one fixture stack and holds it until interrupted: the subject of the SIGINT leak-safety test.
//
// Usage: POTEMKIN_BACKEND=local AWS_ENDPOINT_URL=... POTEMKIN_RUN_ID=... PotemkinFixtureProbe [count]
// Prints `DEPLOYING` before the deploy starts and `DEPLOYED <name>` once a stack is complete.
import Foundation
import Potemkin

let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 1
let template = StackTemplate.body(
  """
  Resources:
    ProbeBucket:
      Type: AWS::S3::Bucket
    ProbeQueueBucket:
      Type: AWS::S3::Bucket
  Outputs:
    Bucket:
      Value: !Ref ProbeBucket
  """, name: "probe")

func announce(_ line: String) {
  FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

do {
  let connection = try await AWSConnection.resolve()
  announce("DEPLOYING")
  try await withThrowingTaskGroup(of: Void.self) { group in
    for index in 0..<count {
      group.addTask {
        try await withStack(template, name: "probe-\(index)-\(RunID.current.value)", connection: connection) { stack in
          announce("DEPLOYED \(stack.name)")
          try await Task.sleep(for: .seconds(120))
        }
      }
    }
    try await group.waitForAll()
  }
} catch {
  FileHandle.standardError.write(Data("probe failed: \(error)\n".utf8))
  exit(1)
}
