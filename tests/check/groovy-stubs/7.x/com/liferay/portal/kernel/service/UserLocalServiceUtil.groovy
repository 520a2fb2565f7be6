package com.liferay.portal.kernel.service

/* Stub: the real signature, printing its arguments. */
class UserLocalServiceUtil {
	static Object deleteUser(long userId) { lrstub.StubLog.call('deleteUser', userId); null }
}
