package lrstub

/* Prints every call with its arguments: strings as hex of their UTF-8 bytes,
 * so the test compares values byte for byte whatever the JVM's encoding. */
class StubLog {
	static void call(String method, Object... args) {
		StringBuilder sb = new StringBuilder('CALL ').append(method)
		for (Object a : args) {
			if (a instanceof String) {
				sb.append(' S:')
				for (byte b : ((String) a).getBytes('UTF-8'))
					sb.append(String.format('%02x', b & 0xff))
			} else {
				sb.append(' N:').append(String.valueOf(a))
			}
		}
		System.out.println(sb.toString())
	}
}
