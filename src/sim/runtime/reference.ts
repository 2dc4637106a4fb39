/**
 * Image references as the kubelet parses them before any pull: `ParseNormalizedNamed` of
 * github.com/distribution/reference (the copy vendored by Kubernetes v1.31: normalize.go,
 * reference.go, regexp.go) with digest checks as github.com/opencontainers/go-digest does them.
 * `nginx` becomes `docker.io/library/nginx:latest`; an invalid reference gives the error text the
 * kubelet quotes in its `InvalidImageName` status (pkg/kubelet/images/image_manager.go
 * `applyDefaultImageTag` → pkg/util/parsers/parsers.go `ParseImageName`).
 */

export interface ImageReference {
  /** Registry host (and port): `docker.io`, `registry.k8s.io`, `localhost:5000`. */
  domain: string;
  /** Repository path on that registry: `library/nginx`. */
  path: string;
  /** `domain/path`: `docker.io/library/nginx` (the key of the image behaviour table). */
  repository: string;
  /** The tag, `latest` when neither tag nor digest was given. */
  tag?: string;
  digest?: string;
  /** The fully qualified reference the runtime pulls: `docker.io/library/nginx:latest`. */
  canonical: string;
}

export type ParsedReference = { ok: true; ref: ImageReference } | { ok: false; error: string };

// regexp.go, built the same way so the two can be compared line by line.
const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const optionalPort = '(?::[0-9]+)?';
const tagPat = '[\\w][\\w.-]{0,127}';
const digestPat = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const ipv6address = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const domainAndPort = `(?:${domainName}|${ipv6address})${optionalPort}`;
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const namePat = `(?:${domainAndPort}/)?${remoteName}`;
const REFERENCE = new RegExp(`^(${namePat})(?::(${tagPat}))?(?:@(${digestPat}))?$`);
const ANCHORED_NAME = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
const IDENTIFIER = /^[a-f0-9]{64}$/;
const REPOSITORY_NAME_TOTAL_LENGTH_MAX = 255;

/** go-digest: algorithms the kubelet binary registers (crypto/sha256 and crypto/sha512). */
const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
const DIGEST_ANCHORED = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

/** Parses an image reference; `error` is worded as distribution/reference's error. */
export function parseImageReference(image: string): ParsedReference {
  if (IDENTIFIER.test(image)) return { ok: false, error: `invalid repository name (${image}), cannot specify 64-byte hexadecimal strings` };
  const [domain, remainder] = splitDockerDomain(image);
  const tagSep = remainder.indexOf(':');
  const remote = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remote.toLowerCase() !== remote) return { ok: false, error: `invalid reference format: repository name (${remote}) must be lowercase` };

  const s = `${domain}/${remainder}`;
  const m = REFERENCE.exec(s);
  if (!m) {
    const lower = s.toLowerCase();
    if (lower !== s && REFERENCE.test(lower)) return { ok: false, error: 'invalid reference format: repository name must be lowercase' };
    return { ok: false, error: 'invalid reference format' };
  }
  const name = ANCHORED_NAME.exec(m[1]!)!;
  const path = name[2]!;
  if (path.length > REPOSITORY_NAME_TOTAL_LENGTH_MAX) return { ok: false, error: `repository name must not be more than ${REPOSITORY_NAME_TOTAL_LENGTH_MAX} characters` };
  const digest = m[3];
  if (digest !== undefined) {
    const err = validateDigest(digest);
    if (err) return { ok: false, error: err };
  }
  const repository = `${name[1]}/${path}`;
  const tag = m[2] ?? (digest === undefined ? 'latest' : undefined);
  const canonical = repository + (tag !== undefined ? `:${tag}` : '') + (digest !== undefined ? `@${digest}` : '');
  return { ok: true, ref: { domain: name[1]!, path, repository, tag, digest, canonical } };
}

/** The kubelet's `InvalidImageName` message (image_manager.go EnsureImageExists + parsers.go). */
export function invalidImageNameMessage(image: string, error: string): string {
  return `Failed to apply default image tag ${goQuote(image)}: couldn't parse image name ${goQuote(image)}: ${error}`;
}

/** normalize.go splitDockerDomain. */
function splitDockerDomain(name: string): [string, string] {
  const slash = name.indexOf('/');
  if (slash < 0) return ['docker.io', `library/${name}`];
  const maybeDomain = name.slice(0, slash);
  const maybeRemote = name.slice(slash + 1);
  let domain: string;
  let remote: string;
  if (maybeDomain === 'localhost') [domain, remote] = [maybeDomain, maybeRemote];
  else if (maybeDomain === 'index.docker.io') [domain, remote] = ['docker.io', maybeRemote];
  else if (/[.:]/.test(maybeDomain) || maybeDomain.toLowerCase() !== maybeDomain) [domain, remote] = [maybeDomain, maybeRemote];
  else [domain, remote] = ['docker.io', name];
  if (domain === 'docker.io' && !remote.includes('/')) remote = `library/${remote}`;
  return [domain, remote];
}

/** go-digest Digest.Validate, with its error texts. */
function validateDigest(d: string): string | undefined {
  const i = d.indexOf(':');
  if (i <= 0 || i + 1 === d.length) return 'invalid checksum digest format';
  const length = DIGEST_HEX_LENGTH[d.slice(0, i)];
  const encoded = d.slice(i + 1);
  if (length === undefined) return DIGEST_ANCHORED.test(d) ? 'unsupported digest algorithm' : 'invalid checksum digest format';
  if (encoded.length !== length) return 'invalid checksum digest length';
  return /^[a-f0-9]+$/.test(encoded) ? undefined : 'invalid checksum digest format';
}

/** Go's `%q` (strconv.Quote) for the strings that occur in references. */
export function goQuote(s: string): string {
  const escapes: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\v': '\\v' };
  let out = '"';
  for (const c of s) {
    const code = c.codePointAt(0)!;
    out += escapes[c] ?? (code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : c);
  }
  return out + '"';
}
