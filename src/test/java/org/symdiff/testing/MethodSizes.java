package org.symdiff.testing;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bytecode length of every method in a class file (JVMS 4: the constant pool, then fields,
 * then methods with their Code attribute), to check generated methods against HotSpot's
 * 8,000-byte limit for JIT compilation.
 */
public final class MethodSizes {
  private MethodSizes() {}

  /** Method name and descriptor ({@code "gradient([D[D)D"}) to the length of its code. */
  public static Map<String, Integer> of(byte[] classFile) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
      in.readInt();
      in.readUnsignedShort();
      in.readUnsignedShort();
      String[] utf8 = constantPool(in);
      in.readUnsignedShort();
      in.readUnsignedShort();
      in.readUnsignedShort();
      in.skipBytes(2 * in.readUnsignedShort());
      for (int fields = in.readUnsignedShort(); fields > 0; fields--) {
        in.skipBytes(6);
        skipAttributes(in);
      }
      Map<String, Integer> sizes = new LinkedHashMap<>();
      for (int methods = in.readUnsignedShort(); methods > 0; methods--) {
        in.readUnsignedShort();
        String name = utf8[in.readUnsignedShort()] + utf8[in.readUnsignedShort()];
        for (int attributes = in.readUnsignedShort(); attributes > 0; attributes--) {
          String attribute = utf8[in.readUnsignedShort()];
          int length = in.readInt();
          if (attribute.equals("Code")) {
            in.skipBytes(4);
            int code = in.readInt();
            sizes.put(name, code);
            in.skipBytes(length - 8);
          } else {
            in.skipBytes(length);
          }
        }
      }
      return sizes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Utf8 entries by index (others null); longs and doubles take two slots. */
  private static String[] constantPool(DataInputStream in) throws IOException {
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
        case 5, 6 -> {
          in.skipBytes(8);
          i++;
        }
        case 7, 8, 16, 19, 20 -> in.skipBytes(2);
        case 15 -> in.skipBytes(3);
        default -> throw new IOException("constant pool tag " + tag);
      }
    }
    return utf8;
  }

  private static void skipAttributes(DataInputStream in) throws IOException {
    for (int attributes = in.readUnsignedShort(); attributes > 0; attributes--) {
      in.readUnsignedShort();
      in.skipBytes(in.readInt());
    }
  }
}
