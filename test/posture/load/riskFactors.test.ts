import { canonicalRiskFactors, matchRiskFactor } from '../../../src/posture/load/riskFactors';

describe('risk factor matching', () => {
  it.each([
    ['Internet exposure', ['internetExposure']],
    ['internet exposed', ['internetExposure']],
    ['Exposed to the internet', ['internetExposure']],
    ['InternetExposure', ['internetExposure']],
    ['Public IP', ['internetExposure']],
    ['publicly accessible', ['internetExposure']],
    ['Sensitive data', ['sensitiveData']],
    ['Data sensitivity', ['sensitiveData']],
    ['SENSITIVE_DATA', ['sensitiveData']],
    ['Lateral movement', ['lateralMovement']],
    ['lateral-movement potential', ['lateralMovement']],
    ['Critical resource', ['criticalResource']],
    ['Business critical asset', ['criticalResource']],
    ['Vulnerabilities', ['vulnerabilities']],
    ['Vulnerable', ['vulnerabilities']],
    ['has high severity vulnerabilities', ['vulnerabilities']],
    ['Critical severity vulnerabilities', ['vulnerabilities']],
    ['Weak authorization', []],
    ['Public', []],
    ['', []],
  ])('%j -> %j', (label, expected) => {
    expect(matchRiskFactor(label)).toEqual(expected);
  });

  it('deduplicates and orders several labels', () => {
    expect(canonicalRiskFactors(['Vulnerable', 'Internet exposure', 'internet exposed', 'unknown'])).toEqual(['internetExposure', 'vulnerabilities']);
  });
});
