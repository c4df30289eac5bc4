package org.linuxfpsync.fpm.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A classic BPF program in the text form of {@code tcpdump -d} (libpcap 1.10's {@code bpf_image}),
 * one line per instruction: {@code (004) ret      #262144}. The FPM's dump shows a tap's program
 * this way, so that an operator reads it with the habit they have, and a test compares it with
 * {@code tcpdump -d}'s output as text.
 *
 * <p>Loads at the kernel's ancillary offsets ({@code SKF_AD_OFF + SKF_AD_*}, {@code linux/filter.h}),
 * which libpcap writes for a cooked ({@code any}) capture, are named as libpcap's {@code tcpdump -d}
 * prints them where seen ({@code ldb [vlanp]}), the others with the kernel's {@code bpf_dbg} names
 * ({@code ldh [proto]}).
 */
final class BpfImage {
    static final int INSTRUCTION = 8;

    private static final int BPF_LD = 0x00;
    private static final int BPF_LDX = 0x01;
    private static final int BPF_ST = 0x02;
    private static final int BPF_STX = 0x03;
    private static final int BPF_ALU = 0x04;
    private static final int BPF_JMP = 0x05;
    private static final int BPF_RET = 0x06;
    private static final int BPF_MISC = 0x07;
    private static final int BPF_W = 0x00;
    private static final int BPF_H = 0x08;
    private static final int BPF_B = 0x10;
    private static final int BPF_IMM = 0x00;
    private static final int BPF_ABS = 0x20;
    private static final int BPF_IND = 0x40;
    private static final int BPF_MEM = 0x60;
    private static final int BPF_LEN = 0x80;
    private static final int BPF_MSH = 0xa0;
    private static final int BPF_K = 0x00;
    private static final int BPF_X = 0x08;
    private static final int BPF_A = 0x10;
    private static final int BPF_JA = 0x00;
    private static final int SKF_AD_OFF = -0x1000;
    /** The SKF_AD_* offsets, by offset / 4, as libpcap's bpf_image names them. */
    private static final String[] ANCILLARY = {"proto", "type", "ifidx", "nla", "nlan", "mark", "queue", "hatype",
        "rxhash", "cpu", "xor_x", "vlan_tci", "vlanp", "poff", "rand", "vlan_tpid"};
    /** BPF_ALU operations by {@code BPF_OP(code) >> 4}. */
    private static final String[] ALU = {"add", "sub", "mul", "div", "or", "and", "lsh", "rsh", "neg", "mod", "xor"};
    /** Whether an ALU operation's constant is written in hex (bitwise ones) or decimal. */
    private static final boolean[] ALU_HEX = {false, false, false, false, true, true, false, false, false, false, true};
    /** BPF_JMP conditions by {@code BPF_OP(code) >> 4}. */
    private static final String[] JUMPS = {"ja", "jeq", "jgt", "jge", "jset"};

    private BpfImage() {
    }

    /** The program of {@code bytes} (instructions of 8 bytes: u16 code, u8 jt, u8 jf, u32 k, big-endian). */
    static List<String> lines(byte[] bytes) {
        List<String> lines = new ArrayList<>();
        for (int n = 0; (n + 1) * INSTRUCTION <= bytes.length; n++) {
            int at = n * INSTRUCTION;
            int code = (bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff;
            int jt = bytes[at + 2] & 0xff;
            int jf = bytes[at + 3] & 0xff;
            int k = (bytes[at + 4] & 0xff) << 24 | (bytes[at + 5] & 0xff) << 16 | (bytes[at + 6] & 0xff) << 8
                    | bytes[at + 7] & 0xff;
            lines.add(line(n, code, jt, jf, k));
        }
        return lines;
    }

    static String line(int n, int code, int jt, int jf, int k) {
        String[] opAndOperand = image(n, code, k);
        if ((code & 0x07) == BPF_JMP && (code & 0xf0) != BPF_JA && opAndOperand[0].startsWith("j")) {
            return String.format("(%03d) %-8s %-16s jt %d\tjf %d", n, opAndOperand[0], opAndOperand[1],
                    n + 1 + jt, n + 1 + jf);
        }
        return String.format("(%03d) %-8s %s", n, opAndOperand[0], opAndOperand[1]);
    }

    private static String[] image(int n, int code, int k) {
        switch (code & 0x07) {
            case BPF_RET:
                if ((code & 0x18) == BPF_A) {
                    return op("ret", "a");
                }
                return (code & 0x18) == BPF_X ? op("ret", "x") : op("ret", "#" + k);
            case BPF_LD:
                return load(code, k);
            case BPF_LDX:
                switch (code & 0xe0) {
                    case BPF_IMM:
                        return op("ldx", "#0x" + Integer.toHexString(k));
                    case BPF_MEM:
                        return op("ldx", "M[" + k + "]");
                    case BPF_LEN:
                        return op("ldx", "#pktlen");
                    case BPF_MSH:
                        return (code & 0x18) == BPF_B ? op("ldxb", "4*([" + k + "]&0xf)") : unimp(code);
                    default:
                        return unimp(code);
                }
            case BPF_ST:
                return code == BPF_ST ? op("st", "M[" + k + "]") : unimp(code);
            case BPF_STX:
                return code == BPF_STX ? op("stx", "M[" + k + "]") : unimp(code);
            case BPF_ALU:
                return alu(code, k);
            case BPF_JMP:
                return jump(n, code, k);
            default: // BPF_MISC
                return code == (BPF_MISC | 0x00) ? op("tax", "") : code == (BPF_MISC | 0x80) ? op("txa", "")
                        : unimp(code);
        }
    }

    private static String[] load(int code, int k) {
        String op = switch (code & 0x18) {
            case BPF_W -> "ld";
            case BPF_H -> "ldh";
            case BPF_B -> "ldb";
            default -> null;
        };
        if (op == null) {
            return unimp(code);
        }
        switch (code & 0xe0) {
            case BPF_ABS:
                return op(op, "[" + absolute(k) + "]");
            case BPF_IND:
                return op(op, "[x + " + k + "]");
            case BPF_IMM:
                return (code & 0x18) == BPF_W ? op("ld", "#0x" + Integer.toHexString(k)) : unimp(code);
            case BPF_MEM:
                return (code & 0x18) == BPF_W ? op("ld", "M[" + k + "]") : unimp(code);
            case BPF_LEN:
                return (code & 0x18) == BPF_W ? op("ld", "#pktlen") : unimp(code);
            default:
                return unimp(code);
        }
    }

    /** An absolute offset, or the name of an ancillary one. */
    private static String absolute(int k) {
        int ancillary = k - SKF_AD_OFF;
        if (k < 0 && ancillary >= 0 && ancillary % 4 == 0 && ancillary / 4 < ANCILLARY.length) {
            return ANCILLARY[ancillary / 4];
        }
        return Integer.toString(k);
    }

    private static String[] alu(int code, int k) {
        int operation = (code & 0xf0) >> 4;
        if (operation >= ALU.length) {
            return unimp(code);
        }
        if (operation == 8) {
            return op("neg", "");
        }
        if ((code & 0x08) == BPF_X) {
            return op(ALU[operation], "x");
        }
        return op(ALU[operation], ALU_HEX[operation] ? "#0x" + Integer.toHexString(k) : "#" + k);
    }

    private static String[] jump(int n, int code, int k) {
        int condition = (code & 0xf0) >> 4;
        if (condition >= JUMPS.length) {
            return unimp(code);
        }
        if (condition == 0) {
            return op("ja", Integer.toString(n + 1 + k));
        }
        return op(JUMPS[condition], (code & 0x08) == BPF_X ? "x" : "#0x" + Integer.toHexString(k));
    }

    private static String[] op(String op, String operand) {
        return new String[] {op, operand};
    }

    private static String[] unimp(int code) {
        return op("unimp", "0x" + Integer.toHexString(code));
    }
}
