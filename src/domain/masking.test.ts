import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskAddress, maskIdNumber, maskName, maskPhone } from './masking';

describe('maskIdNumber', () => {
  it('keeps the region code and the last 4 characters', () => {
    expect(maskIdNumber('110105199003074518')).toBe('110105********4518');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('always uses 8 stars, so the mask does not tell how long the number is', () => {
    expect(maskIdNumber('110105491231002')).toBe('110105********1002');
    expect(maskIdNumber('E12345678')).toBe('E1********78');
    expect(maskIdNumber('H1234567890')).toBe('H1********90');
    expect(maskIdNumber('1234567')).toBe('********');
    expect(maskIdNumber('1')).toBe('********');
  });

  it('is empty for empty input', () => {
    expect(maskIdNumber('')).toBe('');
  });

  it('never shows the birth date of an 18-character number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}[\dX]$/), (idNumber) => {
        const masked = maskIdNumber(idNumber);
        expect(masked).toHaveLength(18);
        expect(masked.slice(6, 14)).toBe('********');
        expect(masked.slice(0, 6)).toBe(idNumber.slice(0, 6));
        expect(masked.slice(14)).toBe(idNumber.slice(14));
      }),
    );
  });
});

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits of a mobile', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138 1234 5678')).toBe('138****5678');
  });

  it('keeps the area code and the last 4 digits of a landline', () => {
    expect(maskPhone('01012345678')).toBe('010****5678');
    expect(maskPhone('075588886666')).toBe('0755****6666');
    expect(maskPhone('05718765432')).toBe('0571****5432');
    expect(maskPhone('0755-88886666')).toBe('0755****6666');
    expect(maskPhone('02112345678-123')).toBe('021****5678-123');
  });

  it('masks what is not a valid number too', () => {
    expect(maskPhone('138123456789')).toBe('138****6789');
    expect(maskPhone('95588')).toBe('****88');
    expect(maskPhone('123')).toBe('****');
    expect(maskPhone('')).toBe('');
  });

  it('never shows the middle 4 digits of a mobile', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (mobile) => {
        const masked = maskPhone(mobile);
        expect(masked).toBe(`${mobile.slice(0, 3)}****${mobile.slice(7)}`);
      }),
    );
  });

  it('gives a 7- and an 8-digit landline masks of the same length', () => {
    expect(maskPhone('05718765432')).toHaveLength(maskPhone('057187654321').length);
  });
});

describe('maskAddress', () => {
  it.each([
    ['广东省深圳市南山区科技园南路88号3栋1201', '广东省深圳市南山区****'],
    ['北京市朝阳区建国路88号SOHO现代城', '北京市朝阳区****'],
    ['上海市浦东新区世纪大道100号', '上海市浦东新区****'],
    ['北京市海淀区中关村大街1号', '北京市海淀区****'],
    ['北京市通州区新华大街1号', '北京市通州区****'],
    ['广东省广州市天河区体育西路1号', '广东省广州市天河区****'],
    ['浙江省杭州市西湖区文三路1号', '浙江省杭州市西湖区****'],
    ['山东省济南市市中区经十路1号', '山东省济南市市中区****'],
    ['山东省青岛市市南区香港中路1号', '山东省青岛市市南区****'],
    ['广西壮族自治区南宁市青秀区民族大道1号', '广西壮族自治区南宁市青秀区****'],
    ['新疆维吾尔自治区乌鲁木齐市天山区解放北路1号', '新疆维吾尔自治区乌鲁木齐市天山区****'],
    ['湖北省恩施土家族苗族自治州恩施市舞阳大街1号', '湖北省恩施土家族苗族自治州恩施市****'],
    ['江苏省苏州市昆山市玉山镇人民路1号', '江苏省苏州市昆山市****'],
    ['河北省保定市涞水县永阳镇1号', '河北省保定市涞水县****'],
    ['广东深圳南山区科技园', '广东深圳南山区****'],
  ])('keeps the part up to the district or county: %s', (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });

  it('keeps only the city when there is no district, and never a town or compound below it', () => {
    expect(maskAddress('广东省东莞市长安镇人民路1号')).toBe('广东省东莞市****');
    expect(maskAddress('广东省东莞市万科城小区3栋')).toBe('广东省东莞市****');
    expect(maskAddress('广东省东莞市松山湖工业区2栋')).toBe('广东省东莞市****');
  });

  it('keeps the first 6 characters of an address without administrative names', () => {
    expect(maskAddress('科技园南路88号3栋1201')).toBe('科技园南路8****');
    expect(maskAddress('长安镇人民路1号')).toBe('长安镇人****');
    expect(maskAddress('建国路8号')).toBe('建国****');
  });

  it('is empty for empty input', () => {
    expect(maskAddress('')).toBe('');
    expect(maskAddress('   ')).toBe('');
  });

  it('never shows the street number of a generated address', () => {
    const address = fc
      .tuple(
        fc.constantFrom('广东省深圳市南山区', '北京市朝阳区', '江苏省苏州市昆山市', '广东省东莞市', ''),
        fc.constantFrom('人民路', '建设路', '中山路', '迎宾大道'),
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 1, max: 30 }),
      )
      .map(([area, street, number, building]) => ({
        area,
        full: `${area}${street}${number}号${building}栋`,
      }));
    fc.assert(
      fc.property(address, ({ area, full }) => {
        const masked = maskAddress(full);
        expect(masked).not.toContain('号');
        expect(masked).not.toBe(full);
        expect(masked.endsWith('****')).toBe(true);
        if (area) expect(masked).toBe(`${area}****`);
      }),
    );
  });
});

describe('maskName', () => {
  it.each([
    ['张三丰', '张*丰'],
    ['张三', '张*'],
    ['欧阳娜娜', '欧**娜'],
    ['张', '*'],
    [' 李四 ', '李*'],
    ['𠮷田', '𠮷*'],
    ['', ''],
  ])('masks %j as %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});

describe('every mask', () => {
  it('changes any non-empty input that is not already masked', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }), (text) => {
        fc.pre(text.trim() !== '' && !text.includes('*'));
        expect(maskIdNumber(text)).not.toBe(text);
        expect(maskPhone(text)).not.toBe(text);
        expect(maskAddress(text)).not.toBe(text);
        expect(maskName(text)).not.toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});
