import { describe, expect, it } from 'vitest';
import { goParseQuantity } from './goquantity.ts';
import { GO_STRUCTS } from './gotypes.ts';
import { spewSprintf } from './spew.ts';

// Expected texts follow go-spew v1.1.1 format.go for `%#v` (types in parentheses, strings raw, nil
// pointers `(*T)<nil>`, nil slices and maps `<nil>`, map keys sorted, no types on slice elements and
// map entries). The same rules were checked against the real go-spew on mirror structs generated from
// gotypes.ts (whole PodTemplateSpecs compared byte for byte) while writing this port.
const Q100M = '{i:(resource.int64Amount){value:(int64)100 scale:(resource.Scale)-3} d:(resource.infDecAmount){Dec:(*inf.Dec)<nil>} s:(string)100m Format:(resource.Format)DecimalSI}';

describe('spew %#v (go-spew format.go)', () => {
  it('prints a struct with types, raw strings, an IntOrString and a nil slice', () => {
    expect(spewSprintf('v1.HTTPGetAction', { path: '/health', port: 8080, scheme: 'HTTP' })).toBe(
      '(v1.HTTPGetAction){Path:(string)/health Port:(intstr.IntOrString){Type:(intstr.Type)0 IntVal:(int32)8080 StrVal:(string)} Host:(string) Scheme:(v1.URIScheme)HTTP HTTPHeaders:([]v1.HTTPHeader)<nil>}',
    );
    expect(spewSprintf('intstr.IntOrString', 'http')).toBe('(intstr.IntOrString){Type:(intstr.Type)1 IntVal:(int32)0 StrVal:(string)http}');
  });

  it('prints pointers as (*T)value or (*T)<nil>', () => {
    expect(spewSprintf('*v1.Capabilities', { drop: ['ALL'] })).toBe('(*v1.Capabilities){Add:([]v1.Capability)<nil> Drop:([]v1.Capability)[ALL]}');
    expect(spewSprintf('*v1.Capabilities', undefined)).toBe('(*v1.Capabilities)<nil>');
    expect(spewSprintf('*int64', 30)).toBe('(*int64)30');
    expect(spewSprintf('*bool', false)).toBe('(*bool)false');
  });

  it('sorts map keys, prints an empty (protobuf-decoded: nil) map as <nil>, and types no entries', () => {
    expect(spewSprintf('map[string]string', { b: '2', a: '1', 'k8s-app': 'x' })).toBe('(map[string]string)map[a:1 b:2 k8s-app:x]');
    expect(spewSprintf('map[string]string', {})).toBe('(map[string]string)<nil>');
    expect(spewSprintf('map[string]string', undefined)).toBe('(map[string]string)<nil>');
  });

  it('prints slice elements without their type, and an empty list as nil', () => {
    expect(spewSprintf('[]v1.KeyToPath', [{ key: 'a', path: 'b' }])).toBe('([]v1.KeyToPath)[{Key:(string)a Path:(string)b Mode:(*int32)<nil>}]');
    expect(spewSprintf('[]string', [])).toBe('([]string)<nil>');
  });

  it('names an embedded struct by its type and takes its fields from the same JSON object', () => {
    expect(spewSprintf('v1.ConfigMapVolumeSource', { name: 'cm', defaultMode: 420 })).toBe(
      '(v1.ConfigMapVolumeSource){LocalObjectReference:(v1.LocalObjectReference){Name:(string)cm} Items:([]v1.KeyToPath)<nil> DefaultMode:(*int32)420 Optional:(*bool)<nil>}',
    );
  });

  it("prints resource.Quantity's unexported fields as the informer holds them", () => {
    // 128Mi: 128 & 7 == 0, so ParseQuantity does not keep the string; 100m is canonical and keeps it.
    expect(spewSprintf('v1.ResourceList', { memory: '128Mi', cpu: '100m' })).toBe(
      `(v1.ResourceList)map[cpu:${Q100M} memory:{i:(resource.int64Amount){value:(int64)134217728 scale:(resource.Scale)0} d:(resource.infDecAmount){Dec:(*inf.Dec)<nil>} s:(string) Format:(resource.Format)BinarySI}]`,
    );
    // A quantity the manifest leaves out crosses protobuf as "0".
    expect(spewSprintf('resource.Quantity', undefined)).toBe(
      '(resource.Quantity){i:(resource.int64Amount){value:(int64)0 scale:(resource.Scale)0} d:(resource.infDecAmount){Dec:(*inf.Dec)<nil>} s:(string)0 Format:(resource.Format)DecimalSI}',
    );
    // 10^20 is stored as "100E" and takes the int64 path again.
    expect(spewSprintf('*resource.Quantity', '100000000000000000000')).toBe(
      '(*resource.Quantity){i:(resource.int64Amount){value:(int64)100 scale:(resource.Scale)18} d:(resource.infDecAmount){Dec:(*inf.Dec)<nil>} s:(string)100E Format:(resource.Format)DecimalSI}',
    );
    // 21 significant digits do not: inf.Dec{unscaled n × 10^9, scale 9}, big.nat words little-endian.
    expect(spewSprintf('*resource.Quantity', '123456789012345678901')).toBe(
      '(*resource.Quantity){i:(resource.int64Amount){value:(int64)0 scale:(resource.Scale)0} d:(resource.infDecAmount){Dec:(*inf.Dec){unscaled:(big.Int){neg:(bool)false abs:(big.nat)[14083847773602697728 6692605942]} scale:(inf.Scale)9}} s:(string) Format:(resource.Format)DecimalSI}',
    );
  });

  it('prints the zero metav1.Time of a template', () => {
    expect(spewSprintf('v1.Time', null)).toBe('(v1.Time){Time:(time.Time){wall:(uint64)0 ext:(int64)0 loc:(*time.Location)<nil>}}');
  });
});

describe('ParseQuantity (quantity.go) internals', () => {
  it.each([
    ['100m', 100n, -3, '100m', 'DecimalSI'],
    ['1', 1n, 0, '1', 'DecimalSI'],
    ['2k', 2n, 3, '2k', 'DecimalSI'],
    ['1500m', 1500n, -3, '1500m', 'DecimalSI'],
    ['1Gi', 1n << 30n, 0, '1Gi', 'BinarySI'],
    ['1536Mi', 1536n << 20n, 0, '', 'BinarySI'],
    ['129e6', 129n, 6, '129e6', 'DecimalExponent'],
    ['-5', -5n, 0, '-5', 'DecimalSI'],
    ['0', 0n, 0, '0', 'DecimalSI'],
  ] as const)('%s', (text, value, scale, s, format) => {
    expect(goParseQuantity(text)).toEqual({ value, scale, dec: undefined, s, format });
  });
});

describe('the struct table (gotypes.ts)', () => {
  it('has k8s.io/api v0.31 fields: PodSpec ends with ResourceClaims, VolumeSource with Image', () => {
    const names = (t: string) => GO_STRUCTS.get(t)!.map((f) => f.goName);
    expect(names('v1.PodSpec').slice(-4)).toEqual(['OS', 'HostUsers', 'SchedulingGates', 'ResourceClaims']);
    expect(names('v1.PodSpec')).toHaveLength(39);
    expect(names('v1.Container')).toHaveLength(24);
    expect(names('v1.VolumeSource').at(-1)).toBe('Image');
    expect(names('v1.PodSecurityContext')).toContain('SupplementalGroupsPolicy');
    expect(names('v1.PodResourceClaim')).toEqual(['Name', 'ResourceClaimName', 'ResourceClaimTemplateName']);
  });
});
