/// The Python an `AWSForkServer` runs: awscli imported and its service models
/// parsed once, then one forked child per call.
///
/// A request is one JSON line `{"argv": [...], "env": {...}, "stdout": PATH, "stderr": PATH}`;
/// the answer one JSON line `{"status": N}` once the child has ended. The child
/// is the `aws` process the call would have been, made by `fork` from a warm
/// parent instead of `exec`: its own environment (exactly the request's, plus
/// awscli's `AWS_DATA_PATH`, as the `aws` script has it), a fresh CLI driver and
/// session, stdin on /dev/null, stdout and stderr into the two files; nothing it
/// does reaches the next call. Only the parsed models are shared, read-only
/// through copy-on-write. The server ends when its requests end or its parent
/// (the test process) is gone.
let awsForkServerScript = #"""
import json, os, select, sys

SERVICES = ("ec2", "iam", "s3", "s3api", "sts", "logs", "cloudtrail", "guardduty", "securityhub", "ssm",
            "rds", "lambda", "sqs", "kms", "secretsmanager", "organizations", "sns", "ecs", "eks", "ecr")

def main():
    parent = os.getppid()
    # Whatever else is inherited stays open: Foundation's `Process` learns that its child ended
    # when a socket the child inherited closes, and closing it here would have it wait for this
    # server to end (on its one monitoring thread, stalling every other `Process` of the tests).
    requests = os.fdopen(os.dup(0), "rb")
    answers = os.fdopen(os.dup(1), "w")
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    from awscli import clidriver
    data_path = os.environ.get("AWS_DATA_PATH", "")
    loader = clidriver.create_clidriver().session.get_component("data_loader")
    for service in SERVICES:
        try:
            loader.load_service_model(service, "service-2")
        except Exception:
            pass
    for name in ("endpoints", "partitions", "sdk-default-configuration", "_retry"):
        try:
            loader.load_data(name)
        except Exception:
            pass
    import awscli.formatter, botocore.httpsession, botocore.parsers, botocore.serialize  # noqa: F401
    answers.write('{"ready": true}\n')
    answers.flush()
    while True:
        readable, _, _ = select.select([requests], [], [], 1.0)
        if not readable:
            if os.getppid() != parent:
                return
            continue
        line = requests.readline()
        if not line:
            return
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            run(request, requests, answers, loader, data_path, clidriver)
        _, wait_status = os.waitpid(pid, 0)
        answers.write(json.dumps({"status": os.waitstatus_to_exitcode(wait_status)}) + "\n")
        answers.flush()

def run(request, requests, answers, loader, data_path, clidriver):
    status = 255
    try:
        requests.close()
        answers.close()
        os.dup2(os.open(request["stdout"], os.O_WRONLY | os.O_TRUNC), 1)
        os.dup2(os.open(request["stderr"], os.O_WRONLY | os.O_TRUNC), 2)
        environment = dict(request["env"])
        environment["AWS_DATA_PATH"] = os.pathsep.join(p for p in (environment.get("AWS_DATA_PATH"), data_path) if p)
        os.environ.clear()
        os.environ.update(environment)
        driver = clidriver.create_clidriver()
        driver.session.register_component("data_loader", loader)
        status = driver.main(list(request["argv"]))
    except SystemExit as exit:
        status = exit.code if isinstance(exit.code, int) else 1
    except BaseException:
        import traceback
        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(status if isinstance(status, int) and 0 <= status < 256 else 255)

main()
"""#
